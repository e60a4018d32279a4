# case: Relational Graph Learning (crowd navigation) value network: the RGL graph model with skip_connection=True (the rgl.py config) adds the previous layer's features in place to the ReLU output of each graph convolution (next_H += H); relu saved its output for backward, so imitation-learning epochs of the value estimator cannot backpropagate (ReluBackward0)
# source: https://github.com/ChanganVR/RelationalGraphLearning/issues/19
import torch
import torch.nn as nn
from torch.nn import Parameter
from torch.nn.functional import relu, softmax
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


def mlp(input_dim, mlp_dims, last_relu=False):
    layers = []
    mlp_dims = [input_dim] + mlp_dims
    for i in range(len(mlp_dims) - 1):
        layers.append(nn.Linear(mlp_dims[i], mlp_dims[i + 1]))
        if i != len(mlp_dims) - 2 or last_relu:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class GCNConfig:
    num_layer = 2
    X_dim = 8
    wr_dims = [16, 8]
    wh_dims = [16, 8]
    final_state_dim = 8
    similarity_function = "embedded_gaussian"
    layerwise_graph = False
    skip_connection = True


class RGL(nn.Module):
    def __init__(self, config, robot_state_dim, human_state_dim):
        super().__init__()
        self.similarity_function = config.similarity_function
        self.num_layer = config.num_layer
        self.X_dim = config.X_dim
        self.layerwise_graph = config.layerwise_graph
        self.skip_connection = config.skip_connection
        self.w_r = mlp(robot_state_dim, config.wr_dims, last_relu=True)
        self.w_h = mlp(human_state_dim, config.wh_dims, last_relu=True)
        if self.similarity_function == "embedded_gaussian":
            self.w_a = Parameter(torch.randn(self.X_dim, self.X_dim))
        self.Ws = torch.nn.ParameterList()
        for i in range(self.num_layer):
            if i == self.num_layer - 1:
                self.Ws.append(Parameter(torch.randn(self.X_dim, config.final_state_dim)))
            else:
                self.Ws.append(Parameter(torch.randn(self.X_dim, self.X_dim)))
        self.A = None

    def compute_similarity_matrix(self, X):
        if self.similarity_function == "embedded_gaussian":
            A = torch.matmul(torch.matmul(X, self.w_a), X.permute(0, 2, 1))
            normalized_A = softmax(A, dim=2)
        elif self.similarity_function == "gaussian":
            A = torch.matmul(X, X.permute(0, 2, 1))
            normalized_A = softmax(A, dim=2)
        else:
            raise NotImplementedError
        return normalized_A

    def forward(self, state):
        robot_state, human_states = state
        X = torch.cat([self.w_r(robot_state), self.w_h(human_states)], dim=1)
        if not self.layerwise_graph:
            normalized_A = self.compute_similarity_matrix(X)
            self.A = normalized_A[0, :, :].data.cpu().numpy()
        next_H = H = X
        for i in range(self.num_layer):
            if self.layerwise_graph:
                A = self.compute_similarity_matrix(H)
                next_H = relu(torch.matmul(torch.matmul(A, H), self.Ws[i]))
            else:
                next_H = relu(torch.matmul(torch.matmul(normalized_A, H), self.Ws[i]))  # saver
            if self.skip_connection:
                next_H += H  # expect: GG002
            H = next_H
        return next_H


class ValueEstimator(nn.Module):
    def __init__(self, config, graph_model):
        super().__init__()
        self.graph_model = graph_model
        self.value_network = mlp(config.X_dim, [16, 1])

    def forward(self, state):
        assert len(state[0].shape) == 3
        assert len(state[1].shape) == 3
        state_embedding = self.graph_model(state)[:, 0, :]
        return self.value_network(state_embedding)


class ReplayMemory(Dataset):
    def __init__(self, items):
        self.memory = items

    def __len__(self):
        return len(self.memory)

    def __getitem__(self, item):
        return self.memory[item]


class MPRLTrainer:
    def __init__(self, value_estimator, memory, batch_size):
        self.value_estimator = value_estimator
        self.criterion = nn.MSELoss()
        self.memory = memory
        self.batch_size = batch_size
        self.data_loader = None
        self.v_optimizer = None

    def set_learning_rate(self, learning_rate):
        self.v_optimizer = torch.optim.Adam(self.value_estimator.parameters(), lr=learning_rate)

    def optimize_epoch(self, num_epochs):
        if self.data_loader is None:
            self.data_loader = DataLoader(self.memory, self.batch_size, shuffle=True)
        for epoch in range(num_epochs):
            epoch_v_loss = 0
            for data in self.data_loader:
                robot_states, human_states, values = data
                self.v_optimizer.zero_grad()
                outputs = self.value_estimator((robot_states, human_states))
                loss = self.criterion(outputs, values)
                loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
                self.v_optimizer.step()
                epoch_v_loss += loss.data.item()
        return epoch_v_loss / len(self.memory)


robot_state_dim, human_state_dim, human_num = 9, 5, 3
config = GCNConfig()
value_estimator = ValueEstimator(config, RGL(config, robot_state_dim, human_state_dim))
demonstrations = [(torch.randn(1, robot_state_dim), torch.randn(human_num, human_state_dim), torch.randn(1)) for _ in range(8)]
trainer = MPRLTrainer(value_estimator, ReplayMemory(demonstrations), batch_size=4)
trainer.set_learning_rate(1e-3)
print(trainer.optimize_epoch(2))
