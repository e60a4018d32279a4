def repackage_hidden(h):
    """Wraps hidden states in new tensors, to detach them from their history."""
    if h is None:
        return None
    return tuple(v.detach() for v in h)
