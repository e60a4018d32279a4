import ast
import os


def parse_hocon(conf_path):
    """Read the flat `key = value  # comment` lines of a HOCON file into a dict."""
    conf = {}
    with open(conf_path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition("=")
            value = value.split("#", 1)[0].strip()
            conf[key.strip()] = ast.literal_eval(value)
    return conf


class Option(object):
    def __init__(self, conf_path):
        super(Option, self).__init__()
        self.conf = parse_hocon(conf_path)

        # ------------- general options ----------------------------------------
        self.save_path = self.conf["save_path"]
        self.data_path = self.conf["data_path"]
        self.dataset = self.conf["dataset"]
        self.seed = self.conf["seed"]
        self.gpu = self.conf["gpu"]
        self.print_frequency = self.conf["print_frequency"]

        # ------------- data options -------------------------------------------
        self.n_threads = self.conf["n_threads"]
        self.n_classes = self.conf["n_classes"]

        # ------------- discrimination-aware options ---------------------------
        self.n_losses = self.conf["n_losses"]
        self.pivot_set = []

        # ------------- common optimization options ---------------------------
        self.batch_size = self.conf["batch_size"]
        self.momentum = self.conf["momentum"]
        self.weight_decay = self.conf["weight_decay"]
        self.lr = self.conf["lr"]
        self.n_epochs = self.conf["n_epochs"]
        self.step = self.conf["step"]

        # ------------- model options ------------------------------------------
        self.net_type = self.conf["net_type"]
        self.experiment_id = self.conf["experiment_id"]
        self.depth = self.conf["depth"]
        self.n_gpus = 1

    def set_save_path(self):
        self.save_path = os.path.join(
            self.save_path,
            "log_aux_{}{:d}_{}_bs{:d}_n{:d}_lr{:.3f}_{}/".format(
                self.net_type,
                self.depth,
                self.dataset,
                self.batch_size,
                self.n_losses,
                self.lr,
                self.experiment_id,
            ),
        )
