// X17Analysis: implementation lands with its issue.
