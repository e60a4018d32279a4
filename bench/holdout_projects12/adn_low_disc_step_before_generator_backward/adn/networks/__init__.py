from .blocks import ConvolutionBlock
from .losses import GANLoss, add_gan_loss
from .adn import ADN, NLayerDiscriminator
