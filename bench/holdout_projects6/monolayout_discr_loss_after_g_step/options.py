import argparse


def get_args(argv=None):
    parser = argparse.ArgumentParser(description="MonoLayout options")
    parser.add_argument("--type", type=str, default="static", choices=["both", "static", "dynamic"])
    parser.add_argument("--batch_size", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-5)
    parser.add_argument("--lr_D", type=float, default=1e-5)
    parser.add_argument("--lambda_D", type=float, default=0.01)
    parser.add_argument("--discr_train_epoch", type=int, default=0)
    parser.add_argument("--static_weight", type=float, default=5.0)
    parser.add_argument("--num_epochs", type=int, default=2)
    parser.add_argument("--occ_map_size", type=int, default=8)
    return parser.parse_args(argv if argv is not None else [])
