import argparse


class BaseOptions:
    def __init__(self):
        self.initialized = False

    def initialize(self, parser):
        parser.add_argument("--name", type=str, default="SPARNet_S16_V4_Attn2D", help="name of the experiment")
        parser.add_argument("--model", type=str, default="sparnet", help="chooses which model to use")
        parser.add_argument("--att_name", type=str, default="spar", help="attention type [spar|spar3d]")
        parser.add_argument("--res_depth", type=int, default=10, help="depth of residual layers")
        parser.add_argument("--bottleneck_size", type=int, default=4, help="bottleneck feature size in hourglass")
        parser.add_argument("--min_feat_size", type=int, default=16, help="feature size of the main body")
        parser.add_argument("--Gnorm", type=str, default="bn", help="generator norm [in | bn | none]")
        parser.add_argument("--load_size", type=int, default=128, help="image size")
        parser.add_argument("--batch_size", type=int, default=32, help="input batch size")
        parser.add_argument("--verbose", action="store_true", help="print more debugging information")
        parser.add_argument("--seed", type=int, default=123, help="random seed")
        self.initialized = True
        return parser

    def gather_options(self, args=None):
        parser = argparse.ArgumentParser(formatter_class=argparse.ArgumentDefaultsHelpFormatter)
        parser = self.initialize(parser)
        self.parser = parser
        return parser.parse_args(args)

    def print_options(self, opt):
        message = "----------------- Options ---------------\n"
        for k, v in sorted(vars(opt).items()):
            comment = ""
            default = self.parser.get_default(k)
            if v != default:
                comment = f"\t[default: {default}]"
            message += f"{k!s:>25}: {v!s:<30}{comment}\n"
        message += "----------------- End -------------------"
        print(message)

    def parse(self, args=None):
        opt = self.gather_options(args)
        opt.isTrain = self.isTrain
        self.print_options(opt)
        self.opt = opt
        return self.opt
