from .apis import *
from .models import *
