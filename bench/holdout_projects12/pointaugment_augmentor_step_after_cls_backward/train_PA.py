#!/usr/bin/env python
# -*- coding:utf-8 _*-
# case: PointAugment (train_PA.py -> Augment/model.py `Model.train`) with optimizer_a.step() moved after clsLoss.backward(): both losses are backpropagated through the augmentor forward (Augment/augmentor.py) before the augmentor and the classifier are stepped, so the classifier loss meets the augmentor weights it saved (the augmentor's gradients now also hold the classifier loss's contribution)
# source: https://github.com/liruihui/PointAugment/issues/15
"""
@author:liruihui
@file: train_PA.py
"""
import os
import pprint

pp = pprint.PrettyPrinter()
from datetime import datetime

from Augment.config import opts
from Augment.model import Model

if __name__ == '__main__':
    current_time = datetime.now().strftime("%Y%m%d-%H%M")
    opts.log_dir = os.path.join(opts.log_dir, opts.model_name + "_cls", current_time)

    print('checkpoints:', opts.log_dir)

    model = Model(opts)
    model.train()
