# case: the PR's PartialCompletionContentCGAN.step: the generator loss is backpropagated and stepped first, then the discriminator loss (computed on `output.detach()`) is backpropagated and optimD steps, so no backward runs through updated discriminator weights
# source: https://github.com/XiaohangZhan/deocclusion/pull/39
from trainer import Trainer

config = {
    "model": {
        "algo": "PartialCompletionContentCGAN",
        "backbone_arch": "PConvUNet",
        "backbone_param": {"input_channels": 3},
        "discriminator": "InpaintDiscriminator",
        "discriminator_params": {"in_channels": 3, "use_sigmoid": True},
        "gan_type": "nsgan",
        "lr": 1e-4,
        "d2g_lr": 0.1,
        "adv_loss_weight": 0.1,
        "lambda_dict": {"valid": 1.0, "hole": 6.0},
    }
}

if __name__ == "__main__":
    trainer = Trainer(config)
    trainer.train()
