"""Batches of molecule pairs (x, y) as Modof's graph and junction-tree tensors. Stand-in for the
pickled training pairs: each molecule is a random chain of atoms whose bonds are the tree nodes.
Index 0 of every node and message table is the padding entry."""

import random

from nnutils import create_pad_tensor


def _directed_tables(num_nodes, edges, payload):
    # messages u->v for every undirected edge; returns fmess, agraph (incoming per node),
    # bgraph (messages w->u feeding u->v, w != v)
    fmess = [payload(0, 0, None)]
    in_mess = [[] for _ in range(num_nodes)]
    for u, v, extra in edges:
        for a, b in ((u, v), (v, u)):
            fmess.append(payload(a, b, extra))
            in_mess[b].append(len(fmess) - 1)
    agraph = [list(m) for m in in_mess]
    bgraph = [[]]
    for idx in range(1, len(fmess)):
        a, b = fmess[idx][0], fmess[idx][1]
        bgraph.append([m for m in in_mess[a] if fmess[m][0] != b])
    return fmess, create_pad_tensor(agraph), create_pad_tensor(bgraph)


def molecule_batch(rng, batch_size, atom_size, vocab_size):
    atom_types, atom_edges, atom_scope = [0], [], []
    tree_labels, tree_edges, dgraph, cgraph_of, tree_scope, orders = [0], [], [[]], {}, [], []
    for _ in range(batch_size):
        n_atoms = rng.randint(3, 5)
        first = len(atom_types)
        atom_types.extend(rng.randint(1, atom_size - 1) for _ in range(n_atoms))
        atom_scope.append((first, n_atoms))
        first_node = len(tree_labels)
        for k in range(n_atoms - 1):
            atom_edges.append((first + k, first + k + 1, rng.randint(0, 3)))
            tree_labels.append(rng.randint(1, vocab_size - 1))
            dgraph.append([first + k, first + k + 1])
        for k in range(n_atoms - 2):
            node_u, node_v = first_node + k, first_node + k + 1
            tree_edges.append((node_u, node_v, first + k + 1))  # shared atom
        tree_scope.append((first_node, n_atoms - 1))
        orders.append([(first_node + n_atoms - 3, first_node + n_atoms - 2)])

    fmess, agraph, bgraph = _directed_tables(
        len(atom_types), atom_edges, lambda a, b, bond: (a, b, 0 if bond is None else bond)
    )
    graph_tensors = [atom_types, fmess, agraph, bgraph, [[0]], atom_scope]

    tmess, tagraph, tbgraph = _directed_tables(
        len(tree_labels), tree_edges, lambda a, b, shared: (a, b, shared)
    )
    cgraph = [[m[2]] if i > 0 else [] for i, m in enumerate(tmess)]
    tree_tensors = [
        tree_labels,
        [m[:2] for m in tmess],
        tagraph,
        tbgraph,
        create_pad_tensor(cgraph),
        create_pad_tensor(dgraph),
        tree_scope,
    ]
    trees = [{"target": rng.randint(0, le - 1), "label": rng.randint(1, vocab_size - 1)} for _, le in tree_scope]
    scores = [rng.random() for _ in range(batch_size)]
    return (None, (tree_tensors, graph_tensors), orders, scores), trees


class PairTreeFolder:
    def __init__(self, data_folder, vocab, avocab, batch_size, num_batches=3, add_target=False, seed=0):
        self.data_folder = data_folder
        self.vocab = vocab
        self.avocab = avocab
        self.batch_size = batch_size
        self.num_batches = num_batches
        self.add_target = add_target
        self.rng = random.Random(seed)

    def __iter__(self):
        import torch

        for _ in range(self.num_batches):
            x_batch, x_trees = molecule_batch(self.rng, self.batch_size, self.avocab.size(), self.vocab.size())
            y_batch, y_trees = molecule_batch(self.rng, self.batch_size, self.avocab.size(), self.vocab.size())
            x_batch = (*x_batch[:3], torch.tensor(x_batch[3]))
            y_batch = (*y_batch[:3], torch.tensor(y_batch[3]))
            yield x_batch, y_batch, x_trees, y_trees
