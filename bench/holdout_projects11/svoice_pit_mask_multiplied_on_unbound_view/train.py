# case: SVoice training (train.py -> svoice/solver.py `Solver._run_one_epoch`): SWave (svoice/models/swave.py) returns `torch.stack(outputs)`, one separation per MulCat block; the solver iterates over that stack (`for c_idx, est_src in enumerate(estimate_source)`, i.e. unbind views) and passes each view to `cal_loss` in svoice/models/sisnr_loss.py, whose `cal_si_snr_with_pit` masks the padding with `estimate_source *= mask`, an in-place write to an output of a multi-output view op
# source: https://github.com/facebookresearch/svoice/issues/53
import logging
import os

import yaml

logger = logging.getLogger(__name__)


class AttrDict(dict):
    """stand-in for the hydra/omegaconf DictConfig: attribute access to nested dicts"""

    def __getattr__(self, key):
        try:
            value = self[key]
        except KeyError as exc:
            raise AttributeError(key) from exc
        return AttrDict(value) if isinstance(value, dict) else value


def run(args):
    import torch

    from svoice import distrib
    from svoice.data.data import Trainset, Validset
    from svoice.models.swave import SWave
    from svoice.solver import Solver

    distrib.init(args)

    if args.model == "swave":
        kwargs = dict(args.swave)
        kwargs['sr'] = args.sample_rate
        kwargs['segment'] = args.segment
        model = SWave(**kwargs)
    else:
        logger.fatal("Invalid model name %s", args.model)
        os._exit(1)

    # requires a specific number of samples to avoid 0 padding during training
    if hasattr(model, 'valid_length'):
        segment_len = int(args.segment * args.sample_rate)
        segment_len = model.valid_length(segment_len)
        args['segment'] = segment_len / args.sample_rate

    if args.show:
        logger.info(model)
        return

    assert args.batch_size % distrib.world_size == 0
    args['batch_size'] //= distrib.world_size

    # Building datasets and loaders
    tr_dataset = Trainset(
        args.dset.train, sample_rate=args.sample_rate, segment=args.segment, stride=args.stride, pad=args.pad)
    tr_loader = distrib.loader(
        tr_dataset, batch_size=args.batch_size, shuffle=True, num_workers=args.num_workers)

    # batch_size=1 -> use less GPU memory to do cv
    cv_dataset = Validset(args.dset.valid, sample_rate=args.sample_rate, segment=args.segment)
    cv_loader = distrib.loader(
        cv_dataset, batch_size=1, num_workers=args.num_workers)
    data = {"tr_loader": tr_loader, "cv_loader": cv_loader}

    # torch also initialize cuda seed if available
    torch.manual_seed(args.seed)
    if torch.cuda.is_available():
        model.cuda()

    # optimizer
    if args.optim == "adam":
        optimizer = torch.optim.Adam(
            model.parameters(), lr=args.lr, betas=(0.9, args.beta2))
    else:
        logger.fatal('Invalid optimizer %s', args.optim)
        os._exit(1)

    # Construct Solver
    solver = Solver(data, model, optimizer, args)
    solver.train()


def main():
    logging.basicConfig(level=logging.INFO, format='%(message)s')
    conf = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'conf', 'config.yaml')
    with open(conf) as f:
        args = AttrDict(yaml.safe_load(f))
    args['lr'] = float(args['lr'])
    run(args)


if __name__ == "__main__":
    main()
