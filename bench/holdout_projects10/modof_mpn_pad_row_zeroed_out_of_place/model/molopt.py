import torch
import torch.nn as nn
from mol_dec import MolDecoder
from mol_enc import MolEncoder

device = "cuda" if torch.cuda.is_available() else "cpu"


def make_cuda(tensors):
    tree_tensors, graph_tensors = tensors

    def make_tensor(x):
        return x if type(x) is torch.Tensor else torch.tensor(x)

    tree_tensors = [make_tensor(x).to(device).long() for x in tree_tensors[:-1]] + [tree_tensors[-1]]
    graph_tensors = [make_tensor(x).to(device).long() for x in graph_tensors[:-1]] + [graph_tensors[-1]]
    return tree_tensors, graph_tensors


class MolOpt(nn.Module):
    """Modof: modifies a molecule at one disconnection site."""

    def __init__(self, vocab, avocab, args):
        super().__init__()
        self.vocab = vocab
        self.beta = args.beta  # weight of the KL loss
        self.hidden_size = args.hidden_size
        self.latent_size = args.latent_size
        self.atom_size = atom_size = avocab.size()

        self.embedding = nn.Embedding(vocab.size(), args.embed_size).to(device)
        self.E_a = torch.eye(atom_size).to(device)

        self.encoder = MolEncoder(
            self.hidden_size, self.latent_size, self.atom_size, args.depthT, args.depthG, self.embedding
        )
        self.decoder = MolDecoder(
            vocab,
            avocab,
            self.hidden_size,
            self.latent_size,
            args.depthT,
            self.embedding,
            self.encoder,
            score_func=args.score_func,
        )

        self.del_mean = nn.Linear(self.hidden_size, self.latent_size, bias=False).to(device)
        self.del_var = nn.Linear(self.hidden_size, self.latent_size, bias=False).to(device)
        self.add_mean = nn.Linear(self.hidden_size, self.latent_size, bias=False).to(device)
        self.add_var = nn.Linear(self.hidden_size, self.latent_size, bias=False).to(device)

    def encode(self, tensors, orders):
        tree_tensors, graph_tensors = tensors
        tree_rev_vecs, tree_node_vecs, tree_atom_vecs = self.encoder(tree_tensors, graph_tensors, orders)
        return tree_rev_vecs, tree_node_vecs, tree_atom_vecs

    def forward(self, x_batch, y_batch, x_trees, y_trees, beta, total_step, add_target=False):
        x_graphs, x_tensors, x_orders, x_scores = x_batch
        y_graphs, y_tensors, y_orders, y_scores = y_batch
        x_tensors = make_cuda(x_tensors)
        y_tensors = make_cuda(y_tensors)

        x_del_vecs, x_node_vecs, x_atom_vecs = self.encode(x_tensors, x_orders)
        y_add_vecs, y_node_vecs, y_atom_vecs = self.encode(y_tensors, y_orders)

        z_del_vecs, del_kl_loss, del_mean, del_var = self.norm_sample(x_del_vecs, self.del_mean, self.del_var)
        z_add_vecs, add_kl_loss, add_mean, add_var = self.norm_sample(y_add_vecs, self.add_mean, self.add_var)

        x_scope = x_tensors[0][-1]
        loss, acc, rec, num = self.decoder(
            x_trees, y_trees, z_del_vecs, z_add_vecs, x_node_vecs, x_scope, total_step
        )

        kl_loss = del_kl_loss + add_kl_loss
        tar_loss, del_loss, node_loss, topo_loss, atom1_loss, atom2_loss = loss
        loss = (*loss, kl_loss)
        if num[-1] > 0:
            total_loss = tar_loss + del_loss + node_loss + topo_loss + atom1_loss + atom2_loss + self.beta * kl_loss
        else:
            total_loss = tar_loss + del_loss + node_loss + topo_loss + atom1_loss + self.beta * kl_loss
        return total_loss, loss, acc, rec, num, (del_mean.data.cpu().numpy(), add_mean.data.cpu().numpy())

    def norm_sample(self, diff_vecs, mean, var):
        batch_size = diff_vecs.size(0)
        z_mean = mean(diff_vecs)
        z_log_var = -torch.abs(var(diff_vecs))
        kl_loss = -0.5 * torch.sum(1.0 + z_log_var - z_mean * z_mean - torch.exp(z_log_var)) / batch_size
        epsilon = torch.randn_like(z_mean).to(device)
        z_vecs = z_mean + torch.exp(z_log_var / 2) * epsilon
        return z_vecs, kl_loss, z_mean, z_log_var
