# case: CompNet-style medication recommender trained as a DQN: the state x (CNN codes of diagnoses/procedures merged with an R-GCN drug-graph embedding) and the recurrent state h are pushed into the replay memory with their graphs attached; replay() backpropagates with retain_graph=True and steps one Adam over the encoders and the DQN, so a later replay that samples an older transition backpropagates into weights the earlier step already overwrote
# source: https://github.com/WOW5678/CompNet/issues/2
import collections

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
EMB_SIZE, VOCAB, N_DRUGS = 6, 12, 5
ACTION_SIZE = N_DRUGS + 1  # last action ends the prescription


class CNN(nn.Module):
    def __init__(self, vocab_size, emb_size, num_channels, hidden_dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_size)
        self.conv = nn.Conv1d(emb_size, num_channels, kernel_size=2)
        self.out = nn.Linear(num_channels, hidden_dim)

    def forward(self, x):
        h = F.relu(self.conv(self.embedding(x).transpose(1, 2)))
        return self.out(F.max_pool1d(h, h.shape[-1]).squeeze(-1))


class GCNLayer(nn.Module):
    def __init__(self, in_size, out_size, total_rel=2, n_basis=2):
        super().__init__()
        self.basis_weights = nn.Parameter(torch.empty(n_basis, in_size, out_size))
        self.basis_coeff = nn.Parameter(torch.empty(total_rel, n_basis))
        nn.init.xavier_uniform_(self.basis_weights.data)
        nn.init.xavier_uniform_(self.basis_coeff.data)

    def forward(self, inp, adj_mat_list):
        rel_weights = torch.einsum("ij,jmn->imn", [self.basis_coeff, self.basis_weights])  # saver
        weights = rel_weights.view(rel_weights.shape[0] * rel_weights.shape[1], rel_weights.shape[2])
        if inp is None:
            tmp = torch.cat([adj for adj in adj_mat_list], 1)
        else:
            tmp = torch.cat([torch.mm(adj, inp) for adj in adj_mat_list], 1)
        return torch.matmul(tmp, weights)


class RGCN(nn.Module):
    def __init__(self, layer_sizes, total_ent):
        super().__init__()
        sizes = [total_ent] + layer_sizes
        self.layers = nn.ModuleList([GCNLayer(a, b) for a, b in zip(sizes[:-1], sizes[1:])])

    def forward(self, adj_mat_list):
        out, final_rep = None, []
        for i, layer in enumerate(self.layers):
            if i != 0:
                out = F.relu(out)
            out = layer(out, adj_mat_list)
            final_rep.append(out)
        final_rep = torch.cat(final_rep, 1)
        return out, torch.sum(final_rep, 0).view(-1, final_rep.shape[1])


class DQN(nn.Module):
    def __init__(self, state_size, action_size):
        super().__init__()
        self.W = nn.Parameter(torch.empty(state_size, state_size))
        self.U = nn.Parameter(torch.empty(state_size, state_size))
        nn.init.xavier_uniform_(self.W.data)
        nn.init.xavier_uniform_(self.U.data)
        self.fc1 = nn.Linear(state_size, 16)
        self.fc2 = nn.Linear(16, action_size)

    def forward(self, x_):
        x_t, h_t_1 = x_
        state = torch.sigmoid(torch.mm(self.W, x_t.t()) + torch.mm(self.U, h_t_1.t()))
        return state.t(), self.fc2(F.relu(self.fc1(state.t())))


def get_adjacency(selected):
    co = torch.zeros(N_DRUGS, N_DRUGS)
    for a in selected:
        for b in selected:
            if a != b:
                co[a, b] = 1.0
    return [co + torch.eye(N_DRUGS), torch.eye(N_DRUGS)]


class Agent:
    def __init__(self, state_size, action_size):
        self.action_size = action_size
        self.gamma, self.epsilon = 0.9, 0.3
        self.cnn_diagnosis = CNN(VOCAB, EMB_SIZE, 4, state_size)
        self.cnn_procedure = CNN(VOCAB, EMB_SIZE, 4, state_size)
        self.rgcn = RGCN([state_size // 2, state_size // 2], N_DRUGS)
        self.model = DQN(state_size, action_size)
        self.target_model = DQN(state_size, action_size)
        self.target_model.load_state_dict(self.model.state_dict())
        self.model_params = list(self.cnn_diagnosis.parameters()) + list(self.cnn_procedure.parameters()) + list(self.rgcn.parameters()) + list(self.model.parameters())
        self.optimizer = torch.optim.Adam(self.model_params, lr=1e-2)
        self.loss = nn.MSELoss()

    def reset(self, x):
        return torch.cat((self.cnn_diagnosis(x[0]), self.cnn_procedure(x[1])), 0)

    def new_state(self, f, g):
        a = F.softmax(torch.mm(f, g.t()), dim=0)
        f_ = torch.mm(a.t(), f)
        return f_ + g

    def act(self, x, h, selected):
        if torch.rand(()) < self.epsilon:
            choices = [a for a in range(self.action_size) if a not in selected]
            return choices[int(torch.randint(len(choices), ()))], h
        next_h, output = self.model((x, h))
        with torch.no_grad():
            while True:
                action = int(torch.max(output, 1)[1])
                if action not in selected:
                    return action, next_h
                output[0][action] = -999999

    def step(self, action, selected, y):
        if action == self.action_size - 1:
            return (2.0 if len(selected) == len(y) else -2.0), None
        reward = 1.0 if action in y and action not in selected else -1.0
        _, g = self.rgcn(get_adjacency(selected + [action]))
        return reward, g

    def replay(self, memory, batch_size):
        idx = torch.randperm(len(memory))[:batch_size].tolist()
        batch = [memory[i] for i in idx]
        b_x = torch.cat([m[0] for m in batch], 0)
        b_h = torch.cat([m[1] for m in batch], 0)
        b_action = torch.tensor([m[2] for m in batch]).unsqueeze(1)
        b_reward = torch.tensor([m[3] for m in batch])
        b_next_x = torch.cat([m[4] for m in batch], 0)
        b_next_h = torch.cat([m[5] for m in batch], 0)
        _, q_eval = self.model((b_x, b_h))
        q_eval = q_eval.gather(1, b_action)
        _, q_next = self.target_model((b_next_x, b_next_h))
        q_target = (b_reward + self.gamma * q_next.detach().max(1)[0]).unsqueeze(1)
        loss = self.loss(q_eval, q_target)
        self.optimizer.zero_grad()
        loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
        self.optimizer.step()  # expect: GG002
        return loss


state_size = 8
agent = Agent(state_size, ACTION_SIZE)
memory = collections.deque(maxlen=50)
patients = [((torch.randint(0, VOCAB, (1, 4)), torch.randint(0, VOCAB, (1, 3))), [0, 2]) for _ in range(3)]
for record, y in patients:
    f = agent.reset(record)
    _, g = agent.rgcn(get_adjacency([]))
    x = agent.new_state(f, g)
    h = torch.zeros(1, state_size)
    selected = []
    for t in range(3):
        action, next_h = agent.act(x, h, selected)
        reward, g = agent.step(action, selected, y)
        if g is None:
            break
        next_x = agent.new_state(f, g)
        memory.append((x, h, action, reward, next_x, next_h))
        selected.append(action)
        x, h = next_x, next_h
        if len(memory) >= 4:
            agent.replay(memory, batch_size=4)
