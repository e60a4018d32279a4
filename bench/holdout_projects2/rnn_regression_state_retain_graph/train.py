# case: RNN regression tutorial with `h_state = h_state.data` removed and loss.backward(retain_graph=True) instead: the next backward reaches the previous step's graph after optimizer.step()
# source: https://github.com/MorvanZhou/PyTorch-Tutorial/issues/57
import torch
from torch import nn

from data import sin_cos_window
from models import RNN

torch.manual_seed(1)
LR = 0.02


def main():
    rnn = RNN()
    optimizer = torch.optim.Adam(rnn.parameters(), lr=LR)
    loss_func = nn.MSELoss()
    h_state = None
    for step in range(3):
        x, y = sin_cos_window(step)
        prediction, h_state = rnn(x, h_state)
        # h_state = h_state.data
        loss = loss_func(prediction, y)
        optimizer.zero_grad()
        loss.backward(retain_graph=True)  # raises: RuntimeError: modified by an inplace operation
        optimizer.step()  # expect: GG002
    print(loss.item())


if __name__ == "__main__":
    main()
