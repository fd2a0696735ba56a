"""What a learner does with derivatives beyond taking them: checking answers, practice, gradient descent, plots."""
