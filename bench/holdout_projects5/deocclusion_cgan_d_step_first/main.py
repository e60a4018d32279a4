# case: deocclusion PCNet-C (PartialCompletionContentCGAN.step, built by name from the models package): the generator's adversarial loss uses a netD call on the non-detached output, but the discriminator is updated first (`dis_loss.backward()`, `self.optimD.step()`), so `gen_loss.backward()` walks back through spectral-normalised discriminator weights that step changed
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
