# case: NeuCom's copy task (`tasks/Copy/train.py` -> `neucom.dnc.DNC.forward` -> `Memory.write` -> `get_allocation_weight` in neucom/memory.py) with the repository's fix of the container: `Variable(..., requires_grad=False).cpu()`; `scatter_` writes the allocation weights (which require grad) into a fresh tensor that is not a leaf requiring grad, gradients flow to the weights through the scatter, and four iterations train
# source: https://github.com/ypxie/pytorch-NeuCom/issues/5
# pythonpath: .
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

import numpy as np
import torch
import torch.nn.functional as F
import torch.optim as optim
from torch.autograd import Variable

from neucom.dnc import DNC
from recurrent_controller import RecurrentController

parser = argparse.ArgumentParser(description="PyTorch Differentiable Neural Computer")
parser.add_argument("--input_size", type=int, default=4, help="dimension of input feature")
parser.add_argument("--nhid", type=int, default=8, help="number of hidden units of the inner nn")
parser.add_argument("--nn_output", type=int, default=8, help="number of output units of the inner nn")
parser.add_argument("--nlayer", type=int, default=1, help="number of layers")
parser.add_argument("--lr", type=float, default=1e-2, help="initial learning rate")
parser.add_argument("--batch_size", type=int, default=2, metavar="N", help="batch size")
parser.add_argument("--mem_size", type=int, default=4, help="memory dimension")
parser.add_argument("--mem_slot", type=int, default=5, help="number of memory slots")
parser.add_argument("--read_heads", type=int, default=1, help="number of read heads")
parser.add_argument("--sequence_max_length", type=int, default=2, metavar="N")
parser.add_argument("--cuda", action="store_true", default=True, help="use CUDA")
parser.add_argument("--iterations", type=int, default=3, metavar="N", help="total number of iterations")
parser.add_argument("--summarize_freq", type=int, default=2, metavar="N")
args = parser.parse_args([])

args.cuda = args.cuda and torch.cuda.is_available()


def llprint(message):
    sys.stdout.write(message)
    sys.stdout.flush()


def generate_data(batch_size, length, size, cuda=False):
    input_data = np.zeros((batch_size, 2 * length + 1, size), dtype=np.float32)
    target_output = np.zeros((batch_size, 2 * length + 1, size), dtype=np.float32)
    sequence = np.random.binomial(1, 0.5, (batch_size, length, size - 1))
    input_data[:, :length, : size - 1] = sequence
    input_data[:, length, -1] = 1  # the end symbol
    target_output[:, length + 1 :, : size - 1] = sequence
    input_data = torch.from_numpy(input_data)
    target_output = torch.from_numpy(target_output)
    if cuda:
        input_data = input_data.cuda()
        target_output = target_output.cuda()
    return Variable(input_data), Variable(target_output)


def criterion(predictions, targets):
    return torch.mean(
        -1 * F.logsigmoid(predictions) * targets
        - torch.log(1 - torch.sigmoid(predictions) + 1e-9) * (1 - targets)
    )


if __name__ == "__main__":
    np.random.seed(0)
    torch.manual_seed(0)

    batch_size = args.batch_size
    input_size = output_size = args.input_size

    ncomputer = DNC(
        args.nhid,
        args.nn_output,
        args.nlayer,
        RecurrentController,
        input_size,
        output_size,
        args.mem_slot,
        args.mem_size,
        args.read_heads,
        batch_size,
        use_cuda=args.cuda,
    )
    optimizer = optim.Adam(ncomputer.parameters(), lr=args.lr)

    last_save_losses = []
    for epoch in range(args.iterations + 1):
        llprint("\rIteration {ep}/{tot}".format(ep=epoch, tot=args.iterations))
        optimizer.zero_grad()

        random_length = np.random.randint(1, args.sequence_max_length + 1)
        input_data, target_output = generate_data(batch_size, random_length, input_size, args.cuda)
        input_data = input_data.transpose(0, 1).contiguous()
        target_output = target_output.transpose(0, 1).contiguous()

        output, _ = ncomputer(input_data)
        loss = criterion(output, target_output)
        loss.backward()
        optimizer.step()

        last_save_losses.append(loss.item())
        if epoch % args.summarize_freq == 0:
            llprint("\n\tAvg. Logistic Loss: %.4f\n" % (np.mean(last_save_losses)))
            last_save_losses = []
