import argparse


def parse_opts(argv=()):
    parser = argparse.ArgumentParser()
    parser.add_argument("--root_path", default="", type=str, help="Root directory path of data")
    parser.add_argument(
        "--audiovisual",
        action="store_true",
        help="If True, use the full audiovisual STAViS, if False use the visual only variant.",
    )
    parser.add_argument(
        "--sal_weights",
        action="store",
        type=float,
        nargs="+",
        help='Weights of different saliency losses ("--sal_weights 0.1 2 1").',
    )
    parser.set_defaults(sal_weights=[1 / 10, 2, 1])
    parser.add_argument("--sample_size", default=16, type=int, help="Height and width of inputs")
    parser.add_argument("--sample_duration", default=4, type=int, help="Temporal duration of inputs")
    parser.add_argument("--n_train_clips", default=16, type=int, help="Number of (synthetic) training clips")
    parser.add_argument("--n_val_clips", default=8, type=int, help="Number of (synthetic) validation clips")
    parser.add_argument("--learning_rate", default=0.01, type=float, help="Initial learning rate")
    parser.add_argument("--momentum", default=0.9, type=float, help="Momentum")
    parser.add_argument("--dampening", default=0.9, type=float, help="dampening of SGD")
    parser.add_argument("--weight_decay", default=1e-5, type=float, help="Weight Decay")
    parser.add_argument("--nesterov", action="store_true", help="Nesterov momentum")
    parser.set_defaults(nesterov=False)
    parser.add_argument("--batch_size", default=4, type=int, help="Batch size dependent on GPUs memory")
    parser.add_argument(
        "--effective_batch_size", default=8, type=int, help="Effective batch size independent of GPUs memory."
    )
    parser.add_argument("--n_epochs", default=2, type=int, help="Number of total epochs to run")
    parser.add_argument("--begin_epoch", default=1, type=int, help="Training begins at this epoch.")
    parser.add_argument("--no_train", action="store_true", help="If true, training is not performed.")
    parser.set_defaults(no_train=False)
    parser.add_argument("--no_val", action="store_true", help="If true, validation is not performed.")
    parser.set_defaults(no_val=False)
    parser.add_argument("--model", default="resnet", type=str, help="(resnet)")
    parser.add_argument("--model_depth", default=10, type=int, help="Depth of resnet (10)")
    parser.add_argument("--resnet_shortcut", default="B", type=str, help="Shortcut type of resnet (A | B)")
    parser.add_argument("--manual_seed", default=1, type=int, help="Manually set random seed")
    return parser.parse_args(list(argv))
