# case: Tree-LSTM main() after the PR: the GloVe rows are copied with `model.emb.weight.data.copy_(emb)` before any forward pass (no graph exists yet), then the model trains cleanly
# source: https://github.com/dasguptar/treelstm.pytorch/pull/26
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

PAD, UNK, BOS, EOS = 0, 1, 2, 3
PAD_WORD, UNK_WORD, BOS_WORD, EOS_WORD = "<blank>", "<unk>", "<s>", "</s>"


class Vocab(object):
    def __init__(self, words):
        self.labelToIdx = {}
        for w in [PAD_WORD, UNK_WORD, BOS_WORD, EOS_WORD] + words:
            self.labelToIdx.setdefault(w, len(self.labelToIdx))

    def size(self):
        return len(self.labelToIdx)

    def getIndex(self, key):
        return self.labelToIdx.get(key)


class Tree(object):
    def __init__(self, idx):
        self.idx = idx
        self.num_children = 0
        self.children = []

    def add_child(self, child):
        self.num_children += 1
        self.children.append(child)


class ChildSumTreeLSTM(nn.Module):
    def __init__(self, in_dim, mem_dim):
        super(ChildSumTreeLSTM, self).__init__()
        self.mem_dim = mem_dim
        self.ioux = nn.Linear(in_dim, 3 * mem_dim)
        self.iouh = nn.Linear(mem_dim, 3 * mem_dim)
        self.fx = nn.Linear(in_dim, mem_dim)
        self.fh = nn.Linear(mem_dim, mem_dim)

    def node_forward(self, inputs, child_c, child_h):
        child_h_sum = torch.sum(child_h, dim=0, keepdim=True)
        iou = self.ioux(inputs) + self.iouh(child_h_sum)
        i, o, u = torch.split(iou, iou.size(1) // 3, dim=1)
        i, o, u = torch.sigmoid(i), torch.sigmoid(o), torch.tanh(u)
        f = torch.sigmoid(self.fh(child_h) + self.fx(inputs).repeat(len(child_h), 1))
        fc = torch.mul(f, child_c)
        c = torch.mul(i, u) + torch.sum(fc, dim=0, keepdim=True)
        h = torch.mul(o, torch.tanh(c))
        return c, h

    def forward(self, tree, inputs):
        for idx in range(tree.num_children):
            self.forward(tree.children[idx], inputs)
        if tree.num_children == 0:
            child_c = inputs[0].detach().new(1, self.mem_dim).fill_(0.).requires_grad_()
            child_h = inputs[0].detach().new(1, self.mem_dim).fill_(0.).requires_grad_()
        else:
            child_c, child_h = zip(*map(lambda x: x.state, tree.children))
            child_c, child_h = torch.cat(child_c, dim=0), torch.cat(child_h, dim=0)
        tree.state = self.node_forward(inputs[tree.idx], child_c, child_h)
        return tree.state


class Similarity(nn.Module):
    def __init__(self, mem_dim, hidden_dim, num_classes):
        super(Similarity, self).__init__()
        self.wh = nn.Linear(2 * mem_dim, hidden_dim)
        self.wp = nn.Linear(hidden_dim, num_classes)

    def forward(self, lvec, rvec):
        mult_dist = torch.mul(lvec, rvec)
        abs_dist = torch.abs(torch.add(lvec, -rvec))
        vec_dist = torch.cat((mult_dist, abs_dist), 1)
        out = torch.sigmoid(self.wh(vec_dist))
        return F.log_softmax(self.wp(out), dim=1)


class SimilarityTreeLSTM(nn.Module):
    def __init__(self, vocab_size, in_dim, mem_dim, hidden_dim, num_classes, sparsity, freeze):
        super(SimilarityTreeLSTM, self).__init__()
        self.emb = nn.Embedding(vocab_size, in_dim, padding_idx=PAD, sparse=sparsity)
        if freeze:
            self.emb.weight.requires_grad = False
        self.childsumtreelstm = ChildSumTreeLSTM(in_dim, mem_dim)
        self.similarity = Similarity(mem_dim, hidden_dim, num_classes)

    def forward(self, ltree, linputs, rtree, rinputs):
        linputs = self.emb(linputs)
        rinputs = self.emb(rinputs)
        lstate, lhidden = self.childsumtreelstm(ltree, linputs)
        rstate, rhidden = self.childsumtreelstm(rtree, rinputs)
        return self.similarity(lstate, rstate)


def map_label_to_target(label, num_classes):
    target = torch.zeros(1, num_classes)
    ceil, floor = int(torch.ceil(torch.tensor(label))), int(torch.floor(torch.tensor(label)))
    if ceil == floor:
        target[0, floor - 1] = 1
    else:
        target[0, floor - 1] = ceil - label
        target[0, ceil - 1] = label - floor
    return target


def main(freeze_embed=False):
    vocab = Vocab(["a", "man", "is", "playing", "guitar", "dog", "runs"])
    glove_words = ["man", "playing", "guitar", "dog"]
    glove_vocab, glove_emb = Vocab(glove_words), torch.randn(4 + len(glove_words), 6)
    model = SimilarityTreeLSTM(vocab.size(), 6, 5, 4, 5, False, freeze_embed)
    criterion = nn.KLDivLoss(reduction="batchmean")

    emb = torch.zeros(vocab.size(), glove_emb.size(1), dtype=torch.float)
    emb.normal_(0, 0.05)
    for idx, item in enumerate([PAD_WORD, UNK_WORD, BOS_WORD, EOS_WORD]):
        emb[idx].zero_()
    for word in vocab.labelToIdx.keys():
        if glove_vocab.getIndex(word):
            emb[vocab.getIndex(word)] = glove_emb[glove_vocab.getIndex(word)]
    # plug these into embedding matrix inside model
    model.emb.weight.data.copy_(emb)

    optimizer = optim.Adagrad(filter(lambda p: p.requires_grad, model.parameters()), lr=0.01)
    ltree, rtree = Tree(1), Tree(0)
    ltree.add_child(Tree(0))
    rtree.add_child(Tree(1))
    linput, rinput = torch.tensor([5, 6]), torch.tensor([9, 10])
    for epoch in range(2):
        optimizer.zero_grad()
        output = model(ltree, linput, rtree, rinput)
        loss = criterion(output, map_label_to_target(3.4, 5))
        loss.backward()
        optimizer.step()


main()
