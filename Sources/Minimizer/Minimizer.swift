// Minimizer: implementation lands with its issue.
