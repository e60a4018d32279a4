import torch


class HaloExchangeFunction(torch.autograd.Function):
    """Fills the ghost (halo) cells of a partitioned tensor in place.

    Serial stand-in for the MPI exchange: a partition with no neighbour on a side receives zeros there.
    """

    @staticmethod
    def forward(ctx, input, halo_index, recv_buffer):
        ctx.halo_index = halo_index
        input[..., halo_index] = recv_buffer  # expect: GG002
        ctx.mark_dirty(input)
        return input

    @staticmethod
    def backward(ctx, grad_output):
        grad_input = grad_output.clone()
        grad_input[..., ctx.halo_index] = 0.0
        return grad_input, None, None
