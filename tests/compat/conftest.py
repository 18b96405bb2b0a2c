"""The compat suite imports its helpers as `compat_support`."""
