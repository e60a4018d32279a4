from datasets.saliency_db import saliency_db


def get_training_set(opt):
    return saliency_db(opt.n_train_clips, opt.sample_duration, opt.sample_size, seed=opt.manual_seed)


def get_validation_set(opt):
    return saliency_db(opt.n_val_clips, opt.sample_duration, opt.sample_size, seed=opt.manual_seed + 100)
