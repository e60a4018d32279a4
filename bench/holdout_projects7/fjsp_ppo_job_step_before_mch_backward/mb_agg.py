import torch


def g_pool_cal(batch_size, n_nodes, device):
    """Average-pooling matrix over the nodes of each graph in the batch."""
    elem = torch.full(size=(batch_size * n_nodes,), fill_value=1 / n_nodes, dtype=torch.float32, device=device)
    idx_0 = torch.arange(start=0, end=batch_size, device=device, dtype=torch.long).repeat_interleave(n_nodes)
    idx_1 = torch.arange(start=0, end=n_nodes * batch_size, device=device, dtype=torch.long)
    idx = torch.stack((idx_0, idx_1))
    return torch.sparse_coo_tensor(idx, elem, torch.Size([batch_size, n_nodes * batch_size])).to(device)
