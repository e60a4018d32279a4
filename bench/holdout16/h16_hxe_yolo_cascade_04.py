# case: look-alike from the same repository's YOLO-v2 style loss (better_mistakes/data/softmax_cascade.py): SoftmaxCascade.normalise starts from out = inputs * 0 and fills each sibling group with a masked index write, out[:, mask] = log_softmax(inputs[:, mask]); the multiplication by a constant saves nothing, the writes go into a fresh tensor and every log_softmax saves its own output, so training runs
# source: https://github.com/fiveai/making-better-mistakes/issues/4
import torch
import torch.nn as nn

torch.manual_seed(0)

# toy class hierarchy: (name, children); leaves are strings; target indices address any node
HIERARCHY = ("root", [("vehicle", ["car", "truck", "bus"]), ("animal", [("dog", ["terrier", "poodle"]), "cat"])])
ALPHA = 0.4
NUM_EPOCHS = 2


def tree_positions(node, prefix=()):
    yield prefix, node
    if isinstance(node, tuple):
        for i, child in enumerate(node[1]):
            yield from tree_positions(child, (*prefix, i))


def label(node):
    return node[0] if isinstance(node, tuple) else node


def leaf_positions(node, prefix=()):
    return [p for p, n in tree_positions(node, prefix) if not isinstance(n, tuple)]


def exponential_weights(hierarchy, alpha):
    # weight of the edge above a node at depth d is exp(-alpha * (d - 1))
    return {p: float(torch.exp(torch.tensor(-alpha * (len(p) - 1)))) for p, _ in tree_positions(hierarchy)}


class SoftmaxCascade(nn.Module):
    def __init__(self, hierarchy, classes):
        super().__init__()
        nodes = dict(tree_positions(hierarchy))
        positions_edges = {label(nodes[p]): p for p in nodes}
        positions_edges = [positions_edges[c] for c in classes]  # we use classes in the given order
        num_edges = len(positions_edges)
        index_map_edges = {position: i for i, position in enumerate(positions_edges)}
        index_map_children = {}
        for position in positions_edges:
            key = position[:-1] if len(position) else "ROOT"
            index_map_children.setdefault(key, []).append(index_map_edges[position])
        num_softmaxes = len(index_map_children)
        self.softmax_masks = nn.Parameter(torch.zeros([num_softmaxes, num_edges], dtype=torch.bool), requires_grad=False)
        with torch.no_grad():
            for i, children in enumerate(index_map_children.values()):
                for j in children:
                    self.softmax_masks[i, j] = True
        edges_from_leaf = [[index_map_edges[position[:i]] for i in range(len(position), -1, -1)] for position in positions_edges]
        self.path_onehot = nn.Parameter(torch.zeros([num_edges, num_edges]), requires_grad=False)
        with torch.no_grad():
            for position, edges in zip(positions_edges, edges_from_leaf):
                leaf_idx = index_map_edges[position]
                self.path_onehot[leaf_idx, leaf_idx] = 1
                for j in edges:
                    self.path_onehot[leaf_idx, j] = 1

    def normalise(self, inputs, norm_fn=torch.softmax):
        out = inputs * 0
        for mask in self.softmax_masks:
            out[:, mask] = norm_fn(inputs[:, mask], dim=1)
        return out

    def cross_entropy(self, inputs, target, weights):
        batch_size = inputs.size()[0]
        normalised_inputs = self.normalise(inputs, norm_fn=torch.log_softmax)
        onehot = self.path_onehot[target]
        return -torch.sum(normalised_inputs * onehot * weights) / batch_size


class YOLOLoss(nn.Module):
    def __init__(self, hierarchy, classes, weights):
        super().__init__()
        self.cascade = SoftmaxCascade(hierarchy, classes)
        nodes = dict(tree_positions(hierarchy))
        weights_dict = {label(nodes[p]): weights[p] for p in nodes}
        self.weights = nn.Parameter(
            torch.unsqueeze(torch.tensor([weights_dict[c] for c in classes], dtype=torch.float32), 0), requires_grad=False
        )

    def forward(self, inputs, target):
        return self.cascade.cross_entropy(inputs, target, self.weights)


class Classifier(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1)
        )
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


classes = sorted(label(n) for p, n in tree_positions(HIERARCHY))  # one output per node, root included
loss_function = YOLOLoss(HIERARCHY, classes, exponential_weights(HIERARCHY, ALPHA))
model = Classifier(len(classes))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(NUM_EPOCHS):
    for _ in range(2):
        images = torch.randn(4, 3, 8, 8)
        target = torch.randint(0, len(classes), (4,))
        output = model(images)
        loss = loss_function(output, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, loss.item())
