import torch
import torch.nn as nn
import torch.nn.functional as F

device = "cuda" if torch.cuda.is_available() else "cpu"


class MolDecoder(nn.Module):
    """Scores the disconnection site of molecule x and the fragment to attach (the removal and
    the attachment of atoms, and the topology steps, are left out)."""

    def __init__(self, vocab, avocab, hidden_size, latent_size, depthT, embedding, encoder, score_func=1):
        super().__init__()
        self.vocab = vocab
        self.avocab = avocab
        self.hidden_size = hidden_size
        self.latent_size = latent_size
        self.embedding = embedding
        self.encoder = encoder
        self.score_func = score_func

        self.W_tar = nn.Linear(hidden_size + latent_size, hidden_size).to(device)
        self.U_tar = nn.Linear(hidden_size, 1).to(device)
        self.W_node = nn.Linear(2 * latent_size, hidden_size).to(device)
        self.U_node = nn.Linear(hidden_size, vocab.size()).to(device)

    def predict(self, hiddens, mode, active="relu"):
        if mode == "target":
            V, U = self.W_tar, self.U_tar
        elif mode == "node":
            V, U = self.W_node, self.U_node
        else:
            raise ValueError("wrong mode")
        if active == "relu":
            return U(torch.relu(V(hiddens)))
        return U(torch.tanh(V(hiddens)))

    def forward(self, x_trees, y_trees, z_del_vecs, z_add_vecs, x_node_vecs, x_scope, total_step):
        tar_losses, tar_acc = [], 0.0
        for i, (st, le) in enumerate(x_scope):
            node_vecs = x_node_vecs[st : st + le]
            hiddens = torch.cat([node_vecs, z_del_vecs[i : i + 1].expand(le, -1)], dim=1)
            scores = self.predict(hiddens, "target").squeeze(-1)
            target = torch.tensor([x_trees[i]["target"]], device=scores.device)
            tar_losses.append(F.cross_entropy(scores.unsqueeze(0), target))
            tar_acc += float(scores.argmax().item() == x_trees[i]["target"])
        tar_loss = torch.stack(tar_losses).mean()

        node_scores = self.predict(torch.cat([z_del_vecs, z_add_vecs], dim=1), "node")
        labels = torch.tensor([tree["label"] for tree in y_trees], device=node_scores.device)
        node_loss = F.cross_entropy(node_scores, labels)
        node_acc = (node_scores.argmax(dim=1) == labels).float().mean().item()

        zero = torch.zeros((), device=tar_loss.device)
        loss = (tar_loss, zero, node_loss, zero, zero, zero)
        acc = [tar_acc / len(x_scope), 0.0, node_acc, 0.0, 0.0, 0.0]
        rec = [0.0, 0.0]
        num = [len(x_scope), 0, len(y_trees), 0, 0, 0, 0]
        return loss, acc, rec, num
