# case: MolGAN generator/value-network step: train_step_G.backward(retain_graph=True); g_optimizer.step(), then train_step_V.backward() goes through V(edges_hat, nodes_hat), i.e. back into the generator whose weights were just updated in place
# source: https://github.com/kfzyqin/Implementation-MolGAN-PyTorch/issues/3
import torch
import torch.nn as nn
import torch.nn.functional as F


class Generator(nn.Module):
    def __init__(self, z_dim, vertexes, edges, nodes):
        super().__init__()
        self.vertexes, self.edges, self.nodes = vertexes, edges, nodes
        self.layers = nn.Sequential(nn.Linear(z_dim, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh())
        self.edges_layer = nn.Linear(16, edges * vertexes * vertexes)
        self.nodes_layer = nn.Linear(16, vertexes * nodes)

    def forward(self, x):
        output = self.layers(x)
        edges_logits = self.edges_layer(output).view(-1, self.edges, self.vertexes, self.vertexes)
        edges_logits = (edges_logits + edges_logits.permute(0, 1, 3, 2)) / 2
        edges_logits = edges_logits.permute(0, 2, 3, 1)
        nodes_logits = self.nodes_layer(output).view(-1, self.vertexes, self.nodes)
        return edges_logits, nodes_logits


class Discriminator(nn.Module):
    # graph-conv critic; also used as the value network V (with a sigmoid head)
    def __init__(self, b_dim, m_dim, hidden=8):
        super().__init__()
        self.node_lin = nn.Linear(m_dim, hidden)
        self.edge_lin = nn.Linear(hidden * b_dim, hidden)
        self.out = nn.Linear(hidden, 1)

    def forward(self, adj, hidden, node, activation=None):
        h = torch.tanh(self.node_lin(node))                      # B x V x H
        msgs = torch.einsum('bijk,bjh->bikh', adj, h)            # B x V x E x H
        h = torch.tanh(self.edge_lin(msgs.flatten(2)))           # B x V x H
        features = h.sum(1)
        logits = self.out(features)
        logits = activation(logits) if activation is not None else logits
        return logits, features


class Solver:
    def __init__(self, z_dim=4, vertexes=5, b_dim=3, m_dim=4):
        self.z_dim = z_dim
        self.G = Generator(z_dim, vertexes, b_dim, m_dim)
        self.D = Discriminator(b_dim, m_dim)
        self.V = Discriminator(b_dim, m_dim)
        self.g_optimizer = torch.optim.Adam(self.G.parameters(), 1e-3)
        self.d_optimizer = torch.optim.Adam(self.D.parameters(), 1e-3)
        self.v_optimizer = torch.optim.Adam(self.V.parameters(), 1e-3)
        self.la = 1.0
        self.n_critic = 1

    def reset_grad(self):
        self.g_optimizer.zero_grad()
        self.d_optimizer.zero_grad()
        self.v_optimizer.zero_grad()

    def postprocess(self, inputs, temperature=1.):
        return [F.gumbel_softmax(e_logits.contiguous().view(-1, e_logits.size(-1)) / temperature, hard=False)
                .view(e_logits.size()) for e_logits in inputs]

    def train_step(self, a_tensor, x_tensor, reward_r, reward_f, cur_step=0):
        cur_la = self.la
        z = torch.randn(a_tensor.size(0), self.z_dim)
        # 3. Train the generator
        edges_logits, nodes_logits = self.G(z)  # saver
        (edges_hat, nodes_hat) = self.postprocess((edges_logits, nodes_logits))
        logits_fake, features_fake = self.D(edges_hat, None, nodes_hat)
        value_logit_real, _ = self.V(a_tensor, None, x_tensor, torch.sigmoid)
        value_logit_fake, _ = self.V(edges_hat, None, nodes_hat, torch.sigmoid)

        loss_G = torch.mean(-logits_fake)
        loss_V = torch.mean(torch.abs(value_logit_real - reward_r) + torch.abs(value_logit_fake - reward_f))
        loss_RL = torch.mean(-value_logit_fake)
        alpha = torch.abs(loss_G.detach() / loss_RL.detach()).detach()
        train_step_G = cur_la * loss_G + (1 - cur_la) * alpha * loss_RL
        train_step_V = loss_V

        self.reset_grad()
        # Optimise generator.
        if cur_step % self.n_critic == 0:
            train_step_G.backward(retain_graph=True)
            self.g_optimizer.step()  # expect: GG002
        # Optimise value network.
        if cur_step % self.n_critic == 0:
            train_step_V.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            self.v_optimizer.step()


torch.manual_seed(0)
solver = Solver()
batch, vertexes, b_dim, m_dim = 4, 5, 3, 4
a = torch.randint(0, b_dim, (batch, vertexes, vertexes))
x = torch.randint(0, m_dim, (batch, vertexes))
a_tensor = F.one_hot(a, b_dim).float()
x_tensor = F.one_hot(x, m_dim).float()
reward_r, reward_f = torch.rand(batch, 1), torch.rand(batch, 1)
solver.train_step(a_tensor, x_tensor, reward_r, reward_f)
