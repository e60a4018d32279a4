class AverageMeter(object):
    """Computes and stores the average and current value"""

    def __init__(self):
        self.reset()

    def reset(self):
        self.val = 0
        self.avg = 0
        self.sum = 0
        self.count = 0

    def update(self, val, n=1):
        self.val = val
        self.sum += val * n
        self.count += n
        self.avg = self.sum / self.count


class Logger(object):
    """Keeps the rows in memory (the repository writes a tab-separated log file)."""

    def __init__(self, header):
        self.header = header
        self.rows = []

    def log(self, values):
        for col in self.header:
            assert col in values
        self.rows.append([values[col] for col in self.header])
