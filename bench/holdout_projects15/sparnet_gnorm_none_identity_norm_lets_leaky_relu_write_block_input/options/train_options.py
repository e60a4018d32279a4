from options.base_options import BaseOptions


class TrainOptions(BaseOptions):
    def initialize(self, parser):
        parser = BaseOptions.initialize(self, parser)
        parser.add_argument("--total_epochs", type=int, default=20, help="# of epochs to train")
        parser.add_argument("--beta1", type=float, default=0.9, help="momentum term of adam")
        parser.add_argument("--lr", type=float, default=0.0002, help="initial learning rate for adam")
        parser.add_argument("--lambda_pix", type=float, default=1.0, help="weight for pixel loss")
        parser.add_argument("--print_freq", type=int, default=1, help="frequency of showing results")
        self.isTrain = True
        return parser
