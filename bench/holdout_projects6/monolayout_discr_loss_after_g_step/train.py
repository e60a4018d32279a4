# case: MonoLayout training with the discriminator enabled: Trainer.run_epoch backpropagates the generator loss with retain_graph=True and steps the encoder/decoder optimizer, then backpropagates the discriminator loss, whose fake prediction was computed on the non-detached top-view output, through the decoder convolutions that step just changed (the CudnnConvolutionBackward at the decoder's topview conv)
# source: https://github.com/manila95/monolayout/issues/6
import torch

from trainer import Trainer

torch.manual_seed(0)

if __name__ == "__main__":
    trainer = Trainer()
    trainer.train()
