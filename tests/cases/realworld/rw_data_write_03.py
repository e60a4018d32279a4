# case: normalize_and_scale() rescales the generator's tanh output through delta_im.data (+= 1, *= 0.5) inside the training graph; tanh saved that output, so gradients are silently inexact
# source: https://github.com/OmidPoursaeed/Generative_Adversarial_Perturbations/issues/4
import torch
import torch.nn as nn

netG = nn.Sequential(nn.Conv2d(3, 3, 3, padding=1), nn.Tanh())
pretrained_clf = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 5))
for p in pretrained_clf.parameters():
    p.requires_grad = False
optimizerG = torch.optim.Adam(netG.parameters(), lr=2e-4)
criterion_pre = nn.CrossEntropyLoss()
mag_in = 10.0


def normalize_and_scale(delta_im, mode='train'):
    delta_im.data += 1  # now 0..2  # expect: GG008
    delta_im.data *= 0.5  # now 0..1  # expect: GG008
    return delta_im * (mag_in / 255.0)


noise_tr = torch.rand(1, 3, 8, 8)
for itr in range(2):
    image = torch.randn(4, 3, 8, 8)
    class_label = torch.randint(0, 5, (4,))
    netG.zero_grad()
    delta_im = netG(noise_tr)
    delta_im = normalize_and_scale(delta_im, 'train')
    recons = torch.add(image, delta_im)
    output_pretrained = pretrained_clf(recons)
    loss = -criterion_pre(output_pretrained, class_label)
    loss.backward()
    optimizerG.step()
