# case: 3FabRec unsupervised autoencoder training (train_aae_unsupervised.py) after the fix of d67ca0e ("fix pytorch1.5+ bug by removing separate encoder update step in update_encoding()"): `AAETraining.update_encoding` in aae_training.py only backpropagates the latent-GAN encoder loss (gradients accumulate on the encoder Q), the reconstruction loss is backpropagated through the same encoder forward, and the encoder and decoder optimizers step once at the end of `_run_batch`
# source: https://github.com/browatbn2/3FabRec/issues/3
import os
import time

import numpy as np
import torch
import torch.utils.data as td

import aae_training
import config as cfg
from aae_training import AAETraining
from constants import TRAIN, VAL
from csl_common.utils.nn import Batch
from datasets import vggface2  # noqa: F401  (registers the dataset class)
from networks import aae

eps = 1e-8
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
WITH_LOSS_ZREG = False


class AAEUnsupervisedTraining(AAETraining):
    def __init__(self, datasets, args, session_name='debug', **kwargs):
        super().__init__(datasets, args, session_name, **kwargs)

    def _get_network(self, pretrained):
        return aae.AAE(self.args.input_size, pretrained_encoder=pretrained, z_dim=self.args.embedding_dims)

    def _print_iter_stats(self, stats):
        current = stats[-1]
        print('[{ep}][{i}/{n}] l={loss:.3f} l_rec={rec:.3f} l_D_z={dz:.3f} l_E={e:.3f} z_mu={z:.3f}'.format(
            ep=current['epoch'] + 1, i=current['iter'] + 1, n=self.iters_per_epoch,
            loss=np.mean([s['loss'] for s in stats]),
            rec=np.mean([s['loss_recon'] for s in stats]),
            dz=np.mean([s.get('loss_D_z', -1) for s in stats]),
            e=np.mean([s.get('loss_E', -1) for s in stats]),
            z=np.mean([s['z_recon_mean'] for s in stats])))

    def train(self, num_epochs):

        print("Starting training session '{}'...".format(self.session_name))

        while num_epochs is None or self.epoch < num_epochs:
            print('=' * 5 + ' Epoch {}/{}'.format(self.epoch + 1, num_epochs))

            self.epoch_stats = []
            self.saae.train(True)

            self._run_epoch(self.datasets[TRAIN])

            # save visualizations to disk
            if (self.epoch + 1) % 1 == 0:
                self.reconstruct_fixed_samples()

            self.epoch += 1

        time_elapsed = time.time() - self.time_start_training
        print('Training completed in {:.0f}m {:.0f}s'.format(time_elapsed // 60, time_elapsed % 60))

    def _run_epoch(self, dataset, eval=False):
        batchsize = self.args.batchsize_eval if eval else self.args.batchsize

        self.iters_per_epoch = int(len(dataset) / batchsize)
        self.iter_starttime = time.time()
        self.iter_in_epoch = 0

        if eval:
            dataloader = td.DataLoader(dataset, batch_size=batchsize, num_workers=self.workers)
        else:
            dataloader = td.DataLoader(dataset, batch_size=batchsize, num_workers=self.workers,
                                       drop_last=True, shuffle=True)

        for data in dataloader:
            self._run_batch(data, eval=eval)
            self.total_iter += 1
            self.saae.total_iter = self.total_iter
            self.iter_in_epoch += 1

    def _run_batch(self, data, eval=False, ds=None):
        time_dataloading = time.time() - self.iter_starttime
        time_proc_start = time.time()
        iter_stats = {'time_dataloading': time_dataloading}

        batch = Batch(data, eval=eval)
        X_target = batch.target_images if batch.target_images is not None else batch.images

        self.saae.zero_grad()
        loss = torch.zeros(1, requires_grad=True).to(device)

        #######################
        # Encoding
        #######################
        with torch.set_grad_enabled(self.args.train_encoder):

            z_sample = self.saae.Q(batch.images)

            ###########################
            # Encoding regularization
            ###########################
            if (not eval or self._is_printout_iter(eval)) and self.args.with_zgan and self.args.train_encoder:
                if WITH_LOSS_ZREG:
                    loss_zreg = torch.abs(z_sample).mean()
                    loss += loss_zreg
                    iter_stats.update({'loss_zreg': loss_zreg.item()})
                encoding = self.update_encoding(z_sample)
                iter_stats.update(encoding)

        iter_stats['z_recon_mean'] = z_sample.mean().item()
        iter_stats['z_recon_std'] = z_sample.std().item()

        #######################
        # Decoding
        #######################

        if not self.args.train_encoder:
            z_sample = z_sample.detach()

        with torch.set_grad_enabled(self.args.train_decoder):

            # reconstruct images
            X_recon = self.saae.P(z_sample)

            #######################
            # Reconstruction loss
            #######################
            loss_recon = aae_training.loss_recon(X_target, X_recon)
            loss = loss_recon * self.args.w_rec
            iter_stats['loss_recon'] = loss_recon.item()

            #######################
            # Adversarial loss
            #######################
            if self.args.with_gan and self.args.train_decoder and self.iter_in_epoch % 1 == 0:
                gan_stats, loss_G = self.update_gan(X_target, X_recon, z_sample, train=not eval,
                                                    with_gen_loss=self.args.with_gen_loss)
                loss += loss_G
                iter_stats.update(gan_stats)

            iter_stats['loss'] = loss.item()

            if self.args.train_decoder:
                loss.backward()

            # Update auto-encoder
            if not eval:
                if self.args.train_encoder:
                    self.optimizer_E.step()
                if self.args.train_decoder:
                    self.optimizer_G.step()

        # statistics
        iter_stats.update({
            'epoch': self.epoch,
            'timestamp': time.time(),
            'iter_time': time.time() - self.iter_starttime,
            'time_processing': time.time() - time_proc_start,
            'iter': self.iter_in_epoch,
            'total_iter': self.total_iter,
            'batch_size': len(batch)
        })
        self.iter_starttime = time.time()
        self.epoch_stats.append(iter_stats)

        # print stats every N mini-batches
        if self._is_printout_iter(eval):
            self._print_iter_stats(self.epoch_stats[-self._print_interval(eval):])


def run(args):

    if args.seed is not None:
        torch.manual_seed(args.seed)
        np.random.seed(args.seed)

    phase_cfg = {
        TRAIN: {'dsnames': args.dataset_train,
                'count': args.train_count},
        VAL: {'dsnames': args.dataset_val,
              'count': args.val_count}
    }
    datasets = {}
    for phase in args.phases:
        dsnames = phase_cfg[phase]['dsnames']
        if dsnames is None:
            continue
        num_samples = phase_cfg[phase]['count']
        train = phase == TRAIN
        datasets_for_phase = []
        for name in dsnames:
            root, cache_root = cfg.get_dataset_paths(name)
            dataset_cls = cfg.get_dataset_class(name)
            ds = dataset_cls(root=root,
                             cache_root=cache_root,
                             train=train,
                             max_samples=num_samples,
                             image_size=args.input_size)
            datasets_for_phase.append(ds)
        datasets[phase] = datasets_for_phase[0]

        print(datasets[phase])

    fntr = AAEUnsupervisedTraining(datasets, args, session_name=args.sessionname,
                                   snapshot_interval=args.save_freq, workers=args.workers,
                                   wait=args.wait)

    fntr.train(num_epochs=args.epochs)


if __name__ == '__main__':

    import argparse

    from aae_training import bool_str

    parser = argparse.ArgumentParser()

    aae_training.add_arguments(parser)

    # Autoencoder losses
    parser.add_argument('--with-gan', type=bool_str, default=False, help='use GAN image loss(es)')
    parser.add_argument('--with-gen-loss', type=bool_str, default=False, help='with generative image loss')
    parser.add_argument('--with-zgan', type=bool_str, default=True, help='with hidden vector loss')
    parser.add_argument('--w-gen', default=0.25, type=float, help='weight of generative image loss')
    parser.add_argument('--w-rec', default=1., type=float, help='weight of pixel loss')
    parser.add_argument('--update-D-freq', default=2, type=int, help='update the discriminator every N steps')
    parser.add_argument('--update-E-freq', default=1, type=int, help='update the encoder every N steps')
    parser.add_argument('--wait', default=10, type=int)

    # Datasets
    parser.add_argument('--dataset-train', default=['vggface2'], type=str,
                        choices=cfg.get_registered_dataset_names(), nargs='+', help='dataset(s) for training.')
    parser.add_argument('--dataset-val', default=['vggface2'], type=str,
                        choices=cfg.get_registered_dataset_names(), nargs='+', help='dataset for training.')

    # the README's `--sessionname my_model --daug 4 --input-size 256 --epoch 1`, shrunk
    args = parser.parse_args(['--sessionname', 'my_model', '--daug', '4', '--input-size', '32', '--epoch', '1',
                              '-z', '8', '-b', '4', '-j', '0', '-p', '1', '--seed', '0'])

    if args.sessionname is None:
        if args.resume:
            modelname = os.path.split(args.resume)[0]
            args.sessionname = modelname
        else:
            args.sessionname = 'debug'

    run(args)
