# case: look-alike: the RGL model with skip_connection=True (in-place next_H += H) used only to pick actions: the robot evaluates the value of each candidate next state under torch.no_grad(), as the policy's predict() does during exploration, so no ReLU output is saved for backward and the in-place add is harmless
# source: https://github.com/ChanganVR/RelationalGraphLearning/issues/19
import torch
import torch.nn as nn
from torch.nn import Parameter
from torch.nn.functional import relu, softmax

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
                next_H = relu(torch.matmul(torch.matmul(normalized_A, H), self.Ws[i]))
            if self.skip_connection:
                next_H += H
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


robot_state_dim, human_state_dim, human_num = 9, 5, 3
config = GCNConfig()
value_estimator = ValueEstimator(config, RGL(config, robot_state_dim, human_state_dim))
value_estimator.eval()


def predict(robot_state, human_states, action_space, time_step=0.25, gamma=0.9):
    max_value, max_action = float("-inf"), None
    with torch.no_grad():
        for action in action_space:
            next_robot = robot_state.clone()
            next_robot[..., 0:2] += time_step * action
            reward = -0.01 * float(action.norm())
            value = reward + gamma * value_estimator((next_robot, human_states)).item()
            if value > max_value:
                max_value, max_action = value, action
    return max_action


action_space = [torch.tensor([vx, vy]) for vx in (-1.0, 0.0, 1.0) for vy in (-1.0, 0.0, 1.0)]
robot_state, human_states = torch.randn(1, 1, robot_state_dim), torch.randn(1, human_num, human_state_dim)
for step in range(3):
    action = predict(robot_state, human_states, action_space)
    robot_state[..., 0:2] += 0.25 * action
    human_states = human_states + 0.1 * torch.randn_like(human_states)
print(robot_state[..., 0:2])
