"""What both engines share: errors, limits, the memo and the message catalogue."""
