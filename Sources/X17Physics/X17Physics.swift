// X17Physics: implementation lands with its issue.
