from abc import ABC, abstractmethod



class BaseModel(ABC):
    def __init__(self, opt):
        self.opt = opt
        self.isTrain = opt.isTrain
        self.loss_names = []
        self.model_names = []
        self.optimizers = []

    @abstractmethod
    def set_input(self, input):
        pass

    @abstractmethod
    def forward(self):
        pass

    @abstractmethod
    def optimize_parameters(self):
        pass

    def setup(self, opt):
        self.print_networks(opt.verbose)

    def get_current_losses(self):
        return {name: getattr(self, "loss_" + name).item() for name in self.loss_names}

    def print_networks(self, verbose):
        for name in self.model_names:
            net = getattr(self, "net" + name)
            num_params = sum(p.numel() for p in net.parameters())
            print(f"[Network {name}] Total number of parameters : {num_params / 1e3:.1f} K")
            if verbose:
                print(net)

    @staticmethod
    def set_requires_grad(nets, requires_grad=False):
        if not isinstance(nets, list):
            nets = [nets]
        for net in nets:
            if net is not None:
                for param in net.parameters():
                    param.requires_grad = requires_grad


