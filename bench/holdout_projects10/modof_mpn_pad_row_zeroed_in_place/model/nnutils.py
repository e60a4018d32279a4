import torch

device = "cuda" if torch.cuda.is_available() else "cpu"


def create_pad_tensor(alist, extra_len=0):
    max_len = max([len(a) for a in alist]) + 1 + extra_len
    for a in alist:
        a.extend([0] * (max_len - len(a)))
    return torch.IntTensor(alist)


def index_select_ND(source, dim, index):
    index_size = index.size()
    suffix_dim = source.size()[1:]
    final_size = index_size + suffix_dim
    target = source.index_select(dim, index.view(-1))
    return target.view(final_size)


def GRU(x, h, W_z, W_r, U_r, W_h):
    dim = x.dim() - 1
    z_input = torch.cat([x, h], dim=dim)
    z = torch.sigmoid(W_z(z_input))
    r = torch.sigmoid(W_r(x).squeeze() + U_r(h))
    gated_h = torch.squeeze(r * h, dim)
    h_input = torch.cat([x, gated_h], dim=dim)
    pre_h = torch.tanh(W_h(h_input))
    return (1.0 - z) * h + z * pre_h


def MPNN(fmess, mess_graph, W_g, depth, hidden_size):
    """Message passing over directed edges; row 0 of the messages is the padding message."""
    multi_layer_mess = []
    messages = torch.zeros(mess_graph.size(0), hidden_size).to(device)
    for i in range(depth):
        nei_message = index_select_ND(messages, 0, mess_graph)
        nei_message = nei_message.sum(dim=1)
        messages = torch.relu(W_g(torch.cat([fmess, nei_message], dim=1)))  # saver
        multi_layer_mess.append(messages)
        messages[0, :] = messages[0, :] * 0  # expect: GG002

    messages = torch.cat(multi_layer_mess, dim=1)
    messages[0, :] = messages[0, :] * 0
    return messages
