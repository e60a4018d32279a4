# case: main() -> run(args) -> solver.train() -> solver._run_one_epoch() -> cal_loss() -> cal_si_snr(): the drivers hand no tensor down (or are a trainer's methods), and the loss helper six calls deep masks one of the separations it was given, which the solver took by iterating the stacked outputs (unbind views), in place
import torch
import torch.nn as nn

torch.manual_seed(0)


class SWave(nn.Module):
    def __init__(self, n_src=2, t=8, n_blocks=2):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(t, n_src * t) for _ in range(n_blocks)])
        self.n_src, self.t = n_src, t

    def forward(self, mixture):
        outputs = [blk(mixture).view(mixture.shape[0], self.n_src, self.t) for blk in self.blocks]
        return torch.stack(outputs)


def cal_si_snr(source, estimate_source, mask):
    estimate_source *= mask  # expect: GG003  # raises: RuntimeError: Output 0 of Unbind is a view and is being modified inplace
    return -((source * estimate_source).sum(-1) / (estimate_source.norm(dim=-1) + 1e-8)).mean()


def cal_loss(source, estimate_source, lengths):
    mask = (torch.arange(source.shape[-1])[None, None, :] < lengths[:, None, None]).float()
    return cal_si_snr(source, estimate_source, mask)


class Solver:
    def __init__(self, loader, model, optimizer, epochs):
        self.loader, self.model, self.optimizer, self.epochs = loader, model, optimizer, epochs

    def train(self):
        for epoch in range(self.epochs):
            self._run_one_epoch(epoch)

    def _run_one_epoch(self, epoch):
        for mixture, lengths, sources in self.loader:
            estimate_source = self.model(mixture)
            loss = 0
            for c_idx, est_src in enumerate(estimate_source):
                loss = loss + (c_idx + 1) / len(estimate_source) * cal_loss(sources, est_src, lengths)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()


def run(args):
    model = SWave()
    optimizer = torch.optim.Adam(model.parameters(), lr=args["lr"])
    loader = [(torch.randn(2, 8), torch.tensor([8, 6]), torch.randn(2, 2, 8)) for _ in range(2)]
    Solver(loader, model, optimizer, args["epochs"]).train()


def main():
    run({"lr": 1e-3, "epochs": 1})


main()
