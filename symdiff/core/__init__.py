"""What both engines share: the step base (`steps`), the parsers' base (`parsing`), how a derivative is
judged against finite differences (`check`), errors, limits, the memo and the message catalogue."""
