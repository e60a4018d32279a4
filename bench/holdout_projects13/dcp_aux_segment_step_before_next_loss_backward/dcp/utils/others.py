block_num = {"preresnet8": 3, "preresnet20": 9, "preresnet56": 27, "resnet18": 8, "resnet50": 16}


def cal_pivot(n_losses, net_type, depth, logger):
    """
    Calculate the inserted layer for additional loss
    """
    num_segments = n_losses + 1
    network_block_num = block_num[net_type + str(depth)]
    num_block_per_segment = (network_block_num // num_segments) + 1
    pivot_set = []
    for i in range(num_segments - 1):
        pivot_set.append(min(num_block_per_segment * (i + 1), network_block_num - 1))
    logger.info("pivot set: {}".format(pivot_set))
    return num_segments, pivot_set
