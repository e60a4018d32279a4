"""Structural Agnostic Model (SAM), Kalainathan et al."""

import numpy as np
import torch as th
from torch.utils.data import DataLoader

from ...utils.loss import notears_constr
from ...utils.parallel import parallel_run
from ...utils.Settings import SETTINGS
from ...utils.torch import ChannelBatchNorm1d, Linear3D, MatrixSampler
from .model import GraphModel


def scale(values):
    """Stand-in for sklearn.preprocessing.scale: zero mean, unit variance per column."""
    return (values - values.mean(0)) / values.std(0)


class SAM_generators(th.nn.Module):
    """Ensemble of all the SAM generators (one per variable, as channels of 3D layers)."""

    def __init__(self, data_shape, nh, skeleton=None, linear=False):
        super(SAM_generators, self).__init__()
        layers = []
        self.linear = linear
        nb_vars = data_shape[1]
        self.nb_vars = nb_vars
        if skeleton is None:
            skeleton = 1 - th.eye(nb_vars + 1, nb_vars)  # 1 row for noise
        else:
            skeleton = th.cat([th.Tensor(skeleton), th.ones(1, nb_vars)], 1)
        if linear:
            self.input_layer = Linear3D((nb_vars, nb_vars + 1, 1))
        else:
            self.input_layer = Linear3D((nb_vars, nb_vars + 1, nh))
            layers.append(ChannelBatchNorm1d(nb_vars, nh))
            layers.append(th.nn.Tanh())
            self.output_layer = Linear3D((nb_vars, nh, 1))
        self.layers = th.nn.Sequential(*layers)
        self.register_buffer("skeleton", skeleton)

    def forward(self, data, noise, adj_matrix, drawn_neurons=None):
        if self.linear:
            output = self.input_layer(data, noise, adj_matrix * self.skeleton)
        else:
            output = self.output_layer(
                self.layers(self.input_layer(data, noise, adj_matrix * self.skeleton)), drawn_neurons
            )
        return output.squeeze(2)

    def reset_parameters(self):
        if not self.linear:
            self.output_layer.reset_parameters()
            for layer in self.layers:
                if hasattr(layer, "reset_parameters"):
                    layer.reset_parameters()
        self.input_layer.reset_parameters()


class SAM_discriminator(th.nn.Module):
    """SAM discriminator: scores each variable's generated column against the observed data."""

    def __init__(self, nfeatures, dnh, hlayers=2, mask=None):
        super(SAM_discriminator, self).__init__()
        self.nfeatures = nfeatures
        layers = []
        layers.append(th.nn.Linear(nfeatures, dnh))
        layers.append(th.nn.BatchNorm1d(dnh))
        layers.append(th.nn.LeakyReLU(0.2))
        for i in range(hlayers - 1):
            layers.append(th.nn.Linear(dnh, dnh))
            layers.append(th.nn.BatchNorm1d(dnh))
            layers.append(th.nn.LeakyReLU(0.2))
        layers.append(th.nn.Linear(dnh, 1))
        self.layers = th.nn.Sequential(*layers)
        if mask is None:
            mask = th.eye(nfeatures, nfeatures)
        self.register_buffer("mask", mask.unsqueeze(0))

    def forward(self, input, obs_data=None):
        if obs_data is not None:
            return [
                self.layers(i)
                for i in th.unbind(obs_data.unsqueeze(1) * (1 - self.mask) + input.unsqueeze(1) * self.mask, 1)
            ]
        return self.layers(input)

    def reset_parameters(self):
        for layer in self.layers:
            if hasattr(layer, "reset_parameters"):
                layer.reset_parameters()


def run_SAM(
    in_data,
    skeleton=None,
    device="cpu",
    train=5000,
    test=1000,
    batch_size=-1,
    lr_gen=0.001,
    lr_disc=0.01,
    lambda1=0.001,
    lambda2=0.0000001,
    nh=None,
    dnh=None,
    verbose=True,
    losstype="fgan",
    dagstart=0,
    dagloss=False,
    dagpenalization=0.05,
    dagpenalization_increase=0.0,
    linear=False,
    hlayers=2,
    idx=0,
):
    data = scale(in_data).astype("float32")
    nb_var = data.shape[1]
    data = th.from_numpy(data).to(device)
    if batch_size == -1:
        batch_size = data.shape[0]
    rows, cols = data.size()
    if skeleton is not None:
        skeleton = th.from_numpy(skeleton.astype("float32"))

    sam = SAM_generators((batch_size, cols), nh, skeleton=skeleton, linear=linear).to(device)
    sam.reset_parameters()
    g_optimizer = th.optim.Adam(list(sam.parameters()), lr=lr_gen)

    discriminator = SAM_discriminator(cols, dnh, hlayers).to(device)
    discriminator.reset_parameters()
    d_optimizer = th.optim.Adam(discriminator.parameters(), lr=lr_disc)
    criterion = th.nn.BCEWithLogitsLoss()

    graph_sampler = MatrixSampler(nb_var, mask=skeleton, gumbel=False).to(device)
    graph_sampler.weights.data.fill_(2)
    graph_optimizer = th.optim.Adam(graph_sampler.parameters(), lr=lr_gen)

    if not linear:
        neuron_sampler = MatrixSampler((nh, nb_var), mask=False, gumbel=True).to(device)
        neuron_optimizer = th.optim.Adam(list(neuron_sampler.parameters()), lr=lr_gen)

    _true = th.ones(1).to(device)
    _false = th.zeros(1).to(device)
    output = th.zeros(nb_var, nb_var).to(device)

    noise = th.randn(batch_size, nb_var).to(device)
    noise_row = th.ones(1, nb_var).to(device)
    data_iterator = DataLoader(data, batch_size=batch_size, shuffle=True, drop_last=True)

    for epoch in range(train + test):
        for i_batch, batch in enumerate(data_iterator):
            g_optimizer.zero_grad()
            graph_optimizer.zero_grad()
            d_optimizer.zero_grad()
            if not linear:
                neuron_optimizer.zero_grad()

            # Train the discriminator
            if not epoch > train:
                drawn_graph = graph_sampler()
                drawn_neurons = neuron_sampler() if not linear else None
            noise.normal_()
            generated_variables = sam(batch, noise, th.cat([drawn_graph, noise_row], 0), drawn_neurons)

            disc_vars_d = discriminator(generated_variables.detach(), batch)
            disc_vars_g = discriminator(generated_variables, batch)
            true_vars_disc = discriminator(batch)

            if losstype == "gan":
                disc_loss = sum([criterion(gen, _false.expand_as(gen)) for gen in disc_vars_d]) / nb_var + criterion(
                    true_vars_disc, _true.expand_as(true_vars_disc)
                )
            else:  # fgan
                disc_loss = sum([th.mean(th.exp(gen - 1)) for gen in disc_vars_d]) / nb_var - th.mean(true_vars_disc)

            disc_loss.backward()
            d_optimizer.step()  # expect: GG002

            # Generators' adversarial loss
            if losstype == "gan":
                gen_loss = sum([criterion(gen, _true.expand_as(gen)) for gen in disc_vars_g])
            else:  # fgan
                gen_loss = -sum([th.mean(th.exp(gen - 1)) for gen in disc_vars_g])

            filters = graph_sampler.get_proba()
            struc_loss = lambda1 * drawn_graph.sum()
            func_loss = 0 if linear else lambda2 * drawn_neurons.sum()
            regul_loss = struc_loss + func_loss

            if dagloss and epoch > train * dagstart:
                dag_constraint = notears_constr(filters * filters)
                loss = (
                    gen_loss
                    + regul_loss
                    + (dagpenalization + (epoch - train * dagstart) * dagpenalization_increase) * dag_constraint
                )
            else:
                loss = gen_loss + regul_loss
            if verbose and epoch % 20 == 0 and i_batch == 0:
                print("gen %.4f disc %.4f regul %.4f tot %.4f" % (
                    gen_loss.item() / cols, disc_loss.item(), regul_loss.item(), loss.item()))

            if epoch < train + test - 1:
                loss.backward()  # raises: RuntimeError: modified by an inplace operation

            if epoch >= train:
                output.add_(filters.data)

            g_optimizer.step()
            graph_optimizer.step()
            if not linear:
                neuron_optimizer.step()

    return output.div_(test).cpu().numpy()


class SAM(GraphModel):
    """Structural Agnostic Model: adversarial learning of a causal graph and its mechanisms."""

    def __init__(
        self,
        lr=0.01,
        dlr=0.01,
        lambda1=0.01,
        lambda2=0.00001,
        nh=200,
        dnh=200,
        train_epochs=10000,
        test_epochs=1000,
        batchsize=-1,
        losstype="fgan",
        dagstart=0.5,
        dagloss=True,
        dagpenalization=0,
        dagpenalization_increase=0.001,
        linear=False,
        hlayers=2,
        njobs=None,
        gpus=None,
        verbose=None,
        nruns=8,
    ):
        super(SAM, self).__init__()
        self.lr = lr
        self.dlr = dlr
        self.lambda1 = lambda1
        self.lambda2 = lambda2
        self.nh = nh
        self.dnh = dnh
        self.train = train_epochs
        self.test = test_epochs
        self.batchsize = batchsize
        self.losstype = losstype
        self.dagstart = dagstart
        self.dagloss = dagloss
        self.dagpenalization = dagpenalization
        self.dagpenalization_increase = dagpenalization_increase
        self.linear = linear
        self.hlayers = hlayers
        self.njobs, self.gpus = SETTINGS.get_default(njobs=njobs, gpus=gpus)
        self.verbose = SETTINGS.get_default(verbose=verbose)
        self.nruns = nruns

    def predict(self, data, graph=None, return_list_results=False):
        """Execute SAM on a dataset given a skeleton or not; returns the averaged adjacency matrix."""
        assert self.nruns > 0
        skeleton = None if graph is None else np.asarray(graph)
        results = parallel_run(
            run_SAM,
            data,
            skeleton=skeleton,
            nruns=self.nruns,
            njobs=self.njobs,
            gpus=self.gpus,
            lr_gen=self.lr,
            lr_disc=self.dlr,
            lambda1=self.lambda1,
            lambda2=self.lambda2,
            nh=self.nh,
            dnh=self.dnh,
            train=self.train,
            test=self.test,
            batch_size=self.batchsize,
            dagstart=self.dagstart,
            dagloss=self.dagloss,
            dagpenalization=self.dagpenalization,
            dagpenalization_increase=self.dagpenalization_increase,
            losstype=self.losstype,
            linear=self.linear,
            hlayers=self.hlayers,
            verbose=self.verbose,
        )
        list_out = [i for i in results if not np.isnan(i).any()]
        W = sum(list_out) / len(list_out)
        if return_list_results:
            return W, list_out
        return W
