import argparse


class TrainOptions:
    def __init__(self):
        self.parser = argparse.ArgumentParser()
        self.parser.add_argument("--batch_size", type=int, default=2)
        self.parser.add_argument("--input_dim_a", type=int, default=3)
        self.parser.add_argument("--input_dim_b", type=int, default=3)
        self.parser.add_argument("--crop_size", type=int, default=16)
        self.parser.add_argument("--concat", type=int, default=0)
        self.parser.add_argument("--no_ms", action="store_true", default=True)
        self.parser.add_argument("--n_ep", type=int, default=1)
        self.parser.add_argument("--d_iter", type=int, default=3)

    def parse(self, args=None):
        return self.parser.parse_args([] if args is None else args)
