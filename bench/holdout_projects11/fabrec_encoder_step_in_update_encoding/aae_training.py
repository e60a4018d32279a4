import time

import torch
import torch.optim as optim
import torch.utils.data as td

import config as cfg
from constants import TRAIN, VAL
from csl_common.utils.nn import Batch, set_requires_grad

eps = 1e-8
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
ENCODING_DISTRIBUTION = 'normal'


# save some samples to visualize the training progress
def get_fixed_samples(ds, num):
    dl = td.DataLoader(ds, batch_size=num, shuffle=False, num_workers=0)
    data = next(iter(dl))
    return Batch(data, n=num)


def __reduce(errs, reduction):
    if reduction == 'mean':
        return errs.mean()
    elif reduction == 'sum':
        return errs.sum()
    elif reduction == 'none':
        return errs
    else:
        raise ValueError("Invalid parameter reduction={}".format(reduction))


def loss_recon(X, X_recon, reduction='mean'):
    diff = torch.abs(X - X_recon) * 255
    l1_dist_per_img = diff.reshape(len(X), -1).mean(dim=1)
    return __reduce(l1_dist_per_img, reduction)


def weights_init(m):
    if isinstance(m, torch.nn.Conv2d):
        torch.nn.init.xavier_uniform_(m.weight)


def bool_str(x):
    return str(x).lower() in ['true', '1', 'yes']


class AAETraining(object):

    def __init__(self, datasets, args, session_name='debug', snapshot_dir=cfg.SNAPSHOT_DIR,
                 snapshot_interval=5, workers=6, macro_batch_size=20, wait=10):

        self.args = args
        self.session_name = session_name
        self.datasets = datasets
        self.macro_batch_size = macro_batch_size
        self.workers = workers
        self.wait = wait
        self.saae = self._get_network(pretrained=False)

        print("Learning rate: {}".format(self.args.lr))

        self.snapshot_dir = snapshot_dir
        self.total_iter = 0
        self.total_images = 0
        self.iter_in_epoch = 0
        self.epoch = 0
        self.best_score = 999
        self.epoch_stats = []

        self.snapshot_interval = snapshot_interval

        if ENCODING_DISTRIBUTION == 'normal':
            self.enc_rand = torch.randn
            self.enc_rand_like = torch.randn_like
        elif ENCODING_DISTRIBUTION == 'uniform':
            self.enc_rand = torch.rand
            self.enc_rand_like = torch.rand_like
        else:
            raise ValueError()

        self.total_training_time_previous = 0
        self.time_start_training = time.time()

        # reset discriminator
        if args.reset:
            self.saae.D.apply(weights_init)

        # Set optimizators
        betas = (self.args.beta1, self.args.beta2)
        Q_params = list(filter(lambda p: p.requires_grad, self.saae.Q.parameters()))
        self.optimizer_E = optim.Adam(Q_params, lr=args.lr, betas=betas)
        self.optimizer_G = optim.Adam(self.saae.P.parameters(), lr=args.lr, betas=betas)
        self.optimizer_D_z = optim.Adam(self.saae.D_z.parameters(), lr=args.lr, betas=betas)
        self.optimizer_D = optim.Adam(self.saae.D.parameters(), lr=args.lr * 0.5, betas=betas)

        n_fixed_images = 4
        self.fixed_batch = {}
        for phase in datasets.keys():
            self.fixed_batch[phase] = get_fixed_samples(datasets[phase], n_fixed_images)

    def _get_network(self, pretrained):
        raise NotImplementedError

    def _print_interval(self, eval):
        return self.args.print_freq_eval if eval else self.args.print_freq

    def _is_printout_iter(self, eval):
        return (self.iter_in_epoch + 1) % self._print_interval(eval) == 0

    def _is_eval_epoch(self):
        return (self.epoch + 1) % self.args.eval_freq == 0 and VAL in self.datasets

    def _training_time(self):
        return int(time.time() - self.time_start_training)

    def total_training_time(self):
        return self.total_training_time_previous + self._training_time()

    def update_encoding(self, z_sample):
        stats = {}
        # Discriminator
        if self.iter_in_epoch % 4 == 0:
            z_real = self.enc_rand_like(z_sample).to(device)
            D_real = self.saae.D_z(z_real)
            D_fake = self.saae.D_z(z_sample.detach())
            loss_D_z = -torch.mean(torch.log(D_real + eps) + torch.log(1 - D_fake + eps))
            loss_D_z.backward()
            self.optimizer_D_z.step()
            stats['loss_D_z'] = loss_D_z.item()

        # Encoder gaussian loss
        if self.iter_in_epoch % 2 == 0:
            D_fake = self.saae.D_z(z_sample)
            loss_E = -torch.mean(torch.log(D_fake + eps))
            loss_E.backward(retain_graph=True)
            self.optimizer_E.step()  # expect: GG002
            stats['loss_E'] = loss_E.item()

        return stats

    def update_gan(self, X_target, X_recon, z_sample, train=True, with_gen_loss=False, w_gen=0.25, X_gen=None):
        stats = {}
        if with_gen_loss:
            # Generate some random images
            rand_ids = torch.randperm(len(z_sample))
            z_noise = z_sample[rand_ids]
            gamma = 1.0
            dist = torch.rand((len(z_sample), 1)).to(device) ** gamma
            z_random = z_sample + (z_noise - z_sample) * dist
            X_gen = self.saae.P(z_random)[:, :3]

        # update discriminator
        if self.iter_in_epoch % self.args.update_D_freq == 0:
            self.saae.D.zero_grad()
            err_real = self.saae.D(X_target)
            err_fake = self.saae.D(X_recon.detach())
            err_fake = err_fake[torch.randperm(len(err_fake))]
            assert (len(err_real) == len(X_target))
            loss_D = -torch.mean(torch.log(err_real + eps) + torch.log(1.0 - err_fake + eps))
            if with_gen_loss:
                err_fake_gen = self.saae.D(X_gen.detach())
                loss_D_gen = -torch.mean(torch.log(err_real + eps) + torch.log(1.0 - err_fake_gen + eps))
                loss_D = loss_D * (1 - w_gen) + loss_D_gen * w_gen
                stats.update({'loss_D_rec': loss_D.item(), 'loss_D_gen': loss_D_gen.item()})
            if train:
                loss_D.backward()
                self.optimizer_D.step()
            stats.update({'loss_D': loss_D.item(), 'err_real': err_real.mean().item()})

        # update E
        if self.iter_in_epoch % self.args.update_E_freq == 0:
            self.saae.D.zero_grad()
            set_requires_grad(self.saae.D, False)
            err_G_random = self.saae.D(X_recon)
            loss_G_rec = -torch.mean(torch.log(err_G_random + eps))
            if with_gen_loss:
                err_G_gen = self.saae.D(X_gen)
                loss_G_gen = -torch.mean(torch.log(err_G_gen + eps))
                loss_G = loss_G_rec * (1 - w_gen) + loss_G_gen * w_gen
                stats.update({'loss_G_rec': loss_G_rec.item(), 'loss_G_gen': loss_G_gen.item()})
            else:
                loss_G = loss_G_rec
            set_requires_grad(self.saae.D, True)
            stats.update({'loss_G': loss_G.item(), 'err_fake': loss_G.mean().item()})
            return stats, loss_G

    def reconstruct_fixed_samples(self):
        out_dir = self.session_name
        b = self.fixed_batch[TRAIN]
        with torch.no_grad():
            X_recon = self.saae(b.images)
        err = (b.images - X_recon).abs().mean().item()
        print("[{}] fixed samples of epoch {}: L1 error {:.4f}".format(out_dir, self.epoch + 1, err))


def add_arguments(parser, defaults=None):

    if defaults is None:
        defaults = {}

    # model params
    parser.add_argument('--sessionname', default=None, type=str, help='output filename (without ext)')
    parser.add_argument('-r', '--resume', default=None, type=str, metavar='PATH', help='path to snapshot (default: None)')
    parser.add_argument('-z', '--embedding-dims', default=99, type=int, help='dimensionality of embedding ')
    parser.add_argument('-i', '--input-size', default=256, type=int, help='CNN input size')

    # training
    parser.add_argument('--train-encoder', type=bool_str, default=defaults.get('train_encoder', True),
                        help='include encoder update in training ')
    parser.add_argument('--train-decoder', type=bool_str, default=defaults.get('train_decoder', True),
                        help='include decoder update in training ')
    parser.add_argument('--seed', type=int, default=None)
    parser.add_argument('-e', '--epochs', default=None, type=int, metavar='N', help='maximum epoch count')
    parser.add_argument('-b', '--batchsize', default=defaults.get('batchsize', 50), type=int, metavar='N', help='batch size')
    parser.add_argument('--eval', default=False, action='store_true', help='run evaluation instead of training')
    parser.add_argument('--phases', default=[TRAIN, VAL], nargs='+')
    parser.add_argument('--reset', default=False, action='store_true', help='reset the discriminator')
    parser.add_argument('--lr', default=0.00002, type=float, help='learning rate for autoencoder')
    parser.add_argument('--beta1', default=0.0, type=float, help='Adam beta 1')
    parser.add_argument('--beta2', default=0.999, type=float, help='Adam beta 2')

    # reporting
    parser.add_argument('--save-freq', default=1, type=int, metavar='N', help='save snapshot every N epochs')
    parser.add_argument('--print-freq', '-p', default=50, type=int, metavar='N', help='print every N steps')
    parser.add_argument('--print-freq-eval', default=1, type=int, metavar='N', help='print every N steps')
    parser.add_argument('--eval-freq', default=10, type=int, metavar='N', help='evaluate every N steps')
    parser.add_argument('--batchsize-eval', default=20, type=int, metavar='N', help='batch size for evaluation')

    # data
    parser.add_argument('--train-count', default=None, type=int, help='number of training images per dataset')
    parser.add_argument('--val-count', default=None, type=int, help='number of test images')
    parser.add_argument('--daug', type=int, default=0, help='level of data augmentation for training')
    parser.add_argument('-j', '--workers', default=6, type=int, metavar='N', help='number of data loading workers (default: 6)')
