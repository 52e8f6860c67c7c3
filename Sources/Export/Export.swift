// Export: implementation lands with its issue.
