import argparse


def get_parser():
    parser = argparse.ArgumentParser(description="parser for fast-neural-style")
    parser.add_argument("--batch-size", "-b", type=int, default=2)
    parser.add_argument("--epochs", "-e", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--dataset-size", type=int, default=4)
    parser.add_argument("--image-size", type=int, default=16)
    parser.add_argument("--style-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--content-weight", type=float, default=1.0)
    parser.add_argument("--style-weight", type=float, default=5.0)
    parser.add_argument("--log-interval", type=int, default=1)
    return parser
