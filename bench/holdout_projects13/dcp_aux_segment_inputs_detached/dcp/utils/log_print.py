__all__ = ["print_result"]


def print_result(epoch, n_epochs, iter_id, n_iters, lr, data_time, iter_time, error, loss, mode="Train", logger=None):
    log_str = "{}: [{:d}|{:d}], Iter: [{:d}|{:d}], LR: {:.6f}, DataTime: {:.4f}, IterTime: {:.4f}, ".format(
        mode, epoch + 1, n_epochs, iter_id, n_iters, lr, data_time, iter_time
    )
    for i in range(len(error)):
        log_str += "Error_{:d}: {:.4f}, Loss_{:d}: {:.4f}, ".format(i, error[i], i, loss[i])
    if logger is not None:
        logger.info(log_str)
