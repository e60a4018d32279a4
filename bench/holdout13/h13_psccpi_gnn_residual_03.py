# case: the same PSC-CPI affinity model with the attention-based structure encoder (param['str_encoder'] = 'GAT'): each layer builds sigmoid attention over the contact map, aggregates, applies two ReLU-activated linears and then adds the residual in place (x += x0), overwriting the second ReLU's output that ReLU saved
# source: https://github.com/LirongWu/PSC-CPI/issues/1
import torch
import torch.nn as nn

torch.manual_seed(0)


class net_prot_gat(nn.Module):
    def __init__(self, param):
        super().__init__()
        self.linear0 = nn.ModuleList([nn.Linear(param["hidden_dim"], param["hidden_dim"]) for _ in range(param["str_layers"])])
        self.linear1 = nn.ModuleList([nn.Linear(param["hidden_dim"], param["hidden_dim"]) for _ in range(param["str_layers"])])
        self.w_attn = nn.ModuleList([nn.Linear(param["hidden_dim"], param["hidden_dim"]) for _ in range(param["str_layers"])])
        self.linear_final = nn.Linear(param["hidden_dim"], param["hidden_dim"])
        self.relu = nn.ReLU()
        self.sigmoid = nn.Sigmoid()

    def forward(self, x, adj):
        n = adj.shape[1]
        adj[:, list(range(n)), list(range(n))] = 1
        for l in range(len(self.linear0)):
            x0 = x
            adj_attn = self.sigmoid(torch.einsum("bij,bkj->bik", self.w_attn[l](x), x))
            adj_attn = adj_attn + 1e-5 * torch.eye(n)
            adj_attn = torch.einsum("bij,bij->bij", adj_attn, adj)
            adj_attn_sum = torch.einsum("bij->bi", adj_attn)
            adj_attn = torch.einsum("bij,bi->bij", adj_attn, 1 / adj_attn_sum)
            x = torch.einsum("bij,bjd->bid", adj_attn, x)
            x = self.relu(self.linear0[l](x))
            x = self.relu(self.linear1[l](x))  # saver
            x += x0  # expect: GG002
        return self.linear_final(x)


class net_comp_gcn(nn.Module):
    def __init__(self, param):
        super().__init__()
        self.linear = nn.ModuleList([nn.Linear(43, param["hidden_dim"]), nn.Linear(param["hidden_dim"], param["hidden_dim"])])
        self.linear_final = nn.Linear(param["hidden_dim"], param["hidden_dim"])
        self.relu = nn.ReLU()

    def forward(self, x, adj):
        for l in range(len(self.linear)):
            x = self.relu(torch.einsum("bij,bjd->bid", adj, self.linear[l](x)))
        return self.linear_final(x)


class ProteinEmbed_Model(nn.Module):
    def __init__(self, param):
        super().__init__()
        self.aminoAcid_embedding = nn.Embedding(29, param["hidden_dim"])
        self.gru0 = nn.GRU(param["hidden_dim"], param["hidden_dim"], batch_first=True)
        self.gru1 = nn.GRU(param["hidden_dim"], param["hidden_dim"], batch_first=True)
        self.gat = net_prot_gat(param)
        self.cross_linear = nn.Linear(param["hidden_dim"] * 2, param["hidden_dim"])
        self.gcn_comp = net_comp_gcn(param)
        self.joint_attn_prot, self.joint_attn_comp = nn.Linear(param["hidden_dim"], param["hidden_dim"]), nn.Linear(param["hidden_dim"], param["hidden_dim"])
        self.sigmoid, self.tanh, self.relu = nn.Sigmoid(), nn.Tanh(), nn.ReLU()
        self.regressor0 = nn.Sequential(nn.Conv1d(1, 4, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.1), nn.MaxPool1d(kernel_size=4, stride=4))
        self.regressor1 = nn.Sequential(nn.Linear(int(4 * param["hidden_dim"] / 8), 16), nn.LeakyReLU(0.1), nn.Dropout(0.5), nn.Linear(16, 1))
        self.hidden_dim = param["hidden_dim"]

    def forward(self, prot_data, drug_data_ver, drug_data_adj, prot_contacts, label):
        aminoAcid_embedding = self.aminoAcid_embedding(prot_data)
        b, i, j, d = aminoAcid_embedding.size()
        prot_seq_embedding, _ = self.gru0(aminoAcid_embedding.reshape(b * i, j, d))
        prot_seq_embedding, _ = self.gru1(prot_seq_embedding.reshape(b * j, i, d))
        prot_seq_embedding = prot_seq_embedding.reshape(b, i * j, d)

        prot_graph_embedding = self.gat(aminoAcid_embedding.reshape(b, i * j, d), prot_contacts)
        prot_embedding = self.cross_linear(torch.cat((prot_seq_embedding, prot_graph_embedding), dim=2))
        comp_embedding = self.gcn_comp(drug_data_ver, drug_data_adj)

        inter_comp_prot = self.sigmoid(torch.einsum("bij,bkj->bik", self.joint_attn_prot(self.relu(prot_embedding)), self.joint_attn_comp(self.relu(comp_embedding))))
        inter_comp_prot = torch.einsum("bij,b->bij", inter_comp_prot, 1 / torch.einsum("bij->b", inter_comp_prot))
        cp_embedding = self.tanh(torch.einsum("bij,bkj->bikj", prot_embedding, comp_embedding))
        cp_embedding = torch.einsum("bijk,bij->bk", cp_embedding, inter_comp_prot)

        affn_comp_prot = self.regressor0(cp_embedding[:, None, :])
        affn_comp_prot = self.regressor1(affn_comp_prot.view(b, int(4 * self.hidden_dim / 8)))
        return self.loss_affn(affn_comp_prot, label)

    def loss_affn(self, affn, label):
        return torch.mean((affn.squeeze(-1) - label) ** 2)


param = {"hidden_dim": 16, "str_encoder": "GAT", "str_layers": 2, "learning_rate": 1e-3, "batch_size": 2}
model = ProteinEmbed_Model(param)
optimizer = torch.optim.Adam(model.parameters(), float(param["learning_rate"]))


def make_batch(b=2, i=2, j=5, n_atoms=6):
    prot_contacts = (torch.rand(b, i * j, i * j) > 0.6).float()
    drug_adj = (torch.rand(b, n_atoms, n_atoms) > 0.5).float()
    return torch.randint(0, 29, (b, i, j)), torch.rand(b, n_atoms, 43), drug_adj, prot_contacts, torch.rand(b)


train_loader = [make_batch() for _ in range(2)]
for epoch in range(1):
    model.train()
    loss_epoch, batch = 0, 0
    for prot_data, drug_data_ver, drug_data_adj, prot_contacts, label in train_loader:
        optimizer.zero_grad()
        loss = model(prot_data, drug_data_ver, drug_data_adj, prot_contacts, label)
        loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        torch.nn.utils.clip_grad_value_(model.parameters(), 5)
        optimizer.step()
        loss_epoch += loss.detach().cpu().numpy()
        batch += 1
