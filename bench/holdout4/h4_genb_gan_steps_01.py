# case: GenB (VQA debiasing) train(): g_loss.backward(retain_graph=True) and optim_G.step() update the bias generator, then the discriminator loss is rebuilt from the same vae_preds = discriminator(pred_g) and dsc_loss.backward() runs back into genb's changed weights
# source: https://github.com/chojw/genb/issues/6
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.autograd import Variable

Tensor = torch.FloatTensor


def calc_genb_loss(logits, bias, labels):
    gen_grad = torch.clamp(2 * labels * torch.sigmoid(-2 * labels * bias.detach()), 0, 1)
    loss = F.binary_cross_entropy_with_logits(logits, gen_grad)
    loss *= labels.size(1)
    return loss


class BaseModel(nn.Module):
    def __init__(self, v_dim=6, ntoken=20, num_hid=8, num_ans=5):
        super().__init__()
        self.w_emb = nn.Embedding(ntoken, num_hid)
        self.q_rnn = nn.GRU(num_hid, num_hid, batch_first=True)
        self.v_att = nn.Linear(v_dim + num_hid, 1)
        self.v_net = nn.Linear(v_dim, num_hid)
        self.classifier = nn.Sequential(nn.Linear(num_hid, 2 * num_hid), nn.ReLU(), nn.Linear(2 * num_hid, num_ans))

    def forward(self, v, q, gen=False):
        _, q_emb = self.q_rnn(self.w_emb(q))
        q_emb = q_emb[-1]
        att = torch.softmax(self.v_att(torch.cat([v, q_emb.unsqueeze(1).expand(-1, v.size(1), -1)], 2)), 1)
        joint = self.v_net((att * v).sum(1)) * q_emb
        if gen:
            joint = joint + 0.1 * torch.randn_like(joint)
        return self.classifier(joint)


class Discriminator(nn.Module):
    def __init__(self, num_ans=5):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(num_ans, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


def train(model, genb, discriminator, train_loader, num_epochs=1):
    optim = torch.optim.Adamax(filter(lambda p: p.requires_grad, model.parameters()), lr=0.001)
    optim_G = torch.optim.Adamax(filter(lambda p: p.requires_grad, genb.parameters()), lr=0.001)
    optim_D = torch.optim.Adamax(filter(lambda p: p.requires_grad, discriminator.parameters()), lr=0.001)
    genb.train(True)
    discriminator.train(True)
    kld = nn.KLDivLoss(reduction="batchmean")
    bce = nn.BCELoss()
    for epoch in range(num_epochs):
        for i, (v, q, a) in enumerate(train_loader):
            v = Variable(v).requires_grad_()
            q = Variable(q)
            a = Variable(a)
            valid = Variable(Tensor(v.size(0), 1).fill_(1.0), requires_grad=False)
            fake = Variable(Tensor(v.size(0), 1).fill_(0.0), requires_grad=False)

            # get model output
            optim.zero_grad()
            pred = model(v, q)

            # train genb
            optim_G.zero_grad()
            optim_D.zero_grad()
            pred_g = genb(v, q, gen=True)
            g_loss = F.binary_cross_entropy_with_logits(pred_g, a, reduction="none").mean()
            g_loss *= a.size(1)
            vae_preds = discriminator(pred_g)
            main_preds = discriminator(pred)
            g_distill = kld(pred_g, pred.detach())
            dsc_loss = bce(vae_preds, valid) + bce(main_preds, valid)
            g_loss += dsc_loss + g_distill * 5
            g_loss.backward(retain_graph=True)
            nn.utils.clip_grad_norm_(genb.parameters(), 0.25)
            optim_G.step()  # expect: GG002

            # train the discriminator
            dsc_loss = bce(vae_preds, fake) + bce(main_preds, valid)
            dsc_loss.backward(retain_graph=True)  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
            optim_D.step()

            # use genb to train the robust model
            genb.train(False)
            pred_g = genb(v, q, gen=False)
            genb_loss = calc_genb_loss(pred, pred_g, a)
            genb_loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 0.25)
            optim.step()
            genb.train(True)


torch.manual_seed(0)
model, genb, discriminator = BaseModel(), BaseModel(), Discriminator()
train_loader = [(torch.randn(4, 3, 6), torch.randint(0, 20, (4, 5)), torch.rand(4, 5).round()) for _ in range(2)]
train(model, genb, discriminator, train_loader)
