// Statistics: implementation lands with its issue.
