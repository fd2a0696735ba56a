"""The command line and its input/output: options, formats, batches, worker processes, JSON records."""
