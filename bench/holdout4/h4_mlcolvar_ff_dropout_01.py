# case: mlcolvar FeedForward before commit 605ce89: get_activation('relu') returns torch.nn.ReLU(True) and dropout is added as torch.nn.Dropout(p=drop, inplace=True) right after it, so a DeepTDA CV trained with options={'nn': {'dropout': [...]}} rewrites the saved ReLU outputs
# source: https://github.com/luigibonati/mlcolvar/issues/118
import torch


def get_activation(activation: str):
    activ = None
    if activation == "relu":
        activ = torch.nn.ReLU(True)
    elif activation == "elu":
        activ = torch.nn.ELU(True)
    elif activation == "tanh":
        activ = torch.nn.Tanh()
    elif activation == "linear" or activation is None:
        pass
    else:
        raise ValueError(f"Unknown activation: {activation}")
    return activ


def parse_nn_options(options, n_layers, last_layer_activation):
    if hasattr(options, "__iter__") and not isinstance(options, str):
        if len(options) != n_layers:
            raise ValueError("Length of options should be equal to number of layers")
        return options
    if last_layer_activation:
        return [options for _ in range(n_layers)]
    return [options for _ in range(n_layers - 1)] + [None]


class FeedForward(torch.nn.Module):
    def __init__(self, layers, activation="relu", dropout=None, batchnorm=False,
                 last_layer_activation=False):
        super().__init__()
        n_layers = len(layers) - 1
        activation_list = parse_nn_options(activation, n_layers, last_layer_activation)
        dropout_list = parse_nn_options(dropout, n_layers, last_layer_activation)
        batchnorm_list = parse_nn_options(batchnorm, n_layers, last_layer_activation)

        modules = []
        for i in range(len(layers) - 1):
            modules.append(torch.nn.Linear(layers[i], layers[i + 1]))
            activ, drop, norm = activation_list[i], dropout_list[i], batchnorm_list[i]
            if activ is not None:
                modules.append(get_activation(activ))
            if drop is not None:
                modules.append(torch.nn.Dropout(p=drop, inplace=True))  # expect: GG002
            if norm:
                modules.append(torch.nn.BatchNorm1d(layers[i + 1]))
        self.nn = torch.nn.Sequential(*modules)

    def forward(self, x):
        return self.nn(x)


class DeepTDA(torch.nn.Module):
    def __init__(self, n_states, n_cvs, target_centers, target_sigmas, layers, options=None):
        super().__init__()
        options = options or {}
        self.nn = FeedForward(layers, **options.get("nn", {}))
        self.n_states = n_states
        self.target_centers = torch.tensor(target_centers)
        self.target_sigmas = torch.tensor(target_sigmas)

    def forward(self, x):
        return self.nn(x)

    def loss_fn(self, z, labels, alpha=1.0, beta=100.0):
        loss = 0.0
        for i in range(self.n_states):
            z_i = z[labels == i]
            mu, sigma = z_i.mean(0), z_i.std(0)
            loss = loss + alpha * (mu - self.target_centers[i]).pow(2).sum()
            loss = loss + beta * (sigma - self.target_sigmas[i]).pow(2).sum()
        return loss


torch.manual_seed(0)
n_states, n_cvs = 2, 1
nn_layers = [6, 8, 8, 8, n_cvs]
model = DeepTDA(n_states=n_states, n_cvs=n_cvs, target_centers=[[-7.0], [7.0]],
                target_sigmas=[[0.2], [0.2]], layers=nn_layers,
                options={"nn": {"dropout": [0.2, 0.4, 0.6, None]}})
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
X = torch.cat([torch.randn(10, 6) - 1, torch.randn(10, 6) + 1])
labels = torch.cat([torch.zeros(10), torch.ones(10)])
for epoch in range(2):
    optimizer.zero_grad()
    loss = model.loss_fn(model(X), labels)
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()
