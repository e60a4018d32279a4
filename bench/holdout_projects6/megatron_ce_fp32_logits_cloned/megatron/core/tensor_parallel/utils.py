class VocabUtility:
    """Split the vocabulary into `world_size` chunks; rank r owns [first, last)."""

    @staticmethod
    def vocab_range_from_per_partition_vocab_size(per_partition_vocab_size, rank, world_size):
        index_f = rank * per_partition_vocab_size
        index_l = index_f + per_partition_vocab_size
        return index_f, index_l


def get_tensor_model_parallel_rank():
    return 0


def get_tensor_model_parallel_world_size():
    return 1


def all_reduce_max(tensor):
    """Single-rank stand-in for the all-reduce over the tensor-parallel group."""
    return tensor


def all_reduce_sum(tensor):
    return tensor
