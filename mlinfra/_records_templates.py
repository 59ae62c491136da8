"""The templates of ``mlinfra.records``, compiled with the package: written by
``python -m mlinfra.records``, never by hand (a test checks it is current)."""
# ruff: noqa
# mypy: ignore-errors
# fmt: off


def init_frozen_0(self):
  pass


def init_mutable_0(self):
  pass


def eq_0(self, other):
  if other.__class__ is self.__class__:
    return () == ()
  return NotImplemented


def hash_0(self):
  return hash(())


def lt_0(self, other):
  if other.__class__ is self.__class__:
    return () < ()
  return NotImplemented


def le_0(self, other):
  if other.__class__ is self.__class__:
    return () <= ()
  return NotImplemented


def gt_0(self, other):
  if other.__class__ is self.__class__:
    return () > ()
  return NotImplemented


def ge_0(self, other):
  if other.__class__ is self.__class__:
    return () >= ()
  return NotImplemented


def init_frozen_1(self, _a0):
  _setattr(self, '_a0', _a0)


def init_mutable_1(self, _a0):
  self._a0 = _a0


def eq_1(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,) == (other._a0,)
  return NotImplemented


def hash_1(self):
  return hash((self._a0,))


def init_frozen_1_from_0(self, _a0):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)


def init_mutable_1_from_0(self, _a0):
  self._a0 = _f0() if _a0 is _MISSING else _a0


def lt_1(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,) < (other._a0,)
  return NotImplemented


def le_1(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,) <= (other._a0,)
  return NotImplemented


def gt_1(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,) > (other._a0,)
  return NotImplemented


def ge_1(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,) >= (other._a0,)
  return NotImplemented


def init_frozen_2(self, _a0, _a1):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)


def init_mutable_2(self, _a0, _a1):
  self._a0 = _a0
  self._a1 = _a1


def eq_2(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,) == (other._a0,other._a1,)
  return NotImplemented


def hash_2(self):
  return hash((self._a0,self._a1,))


def init_frozen_2_from_0(self, _a0, _a1):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)


def init_mutable_2_from_0(self, _a0, _a1):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1


def init_frozen_2_from_1(self, _a0, _a1):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)


def init_mutable_2_from_1(self, _a0, _a1):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1


def lt_2(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,) < (other._a0,other._a1,)
  return NotImplemented


def le_2(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,) <= (other._a0,other._a1,)
  return NotImplemented


def gt_2(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,) > (other._a0,other._a1,)
  return NotImplemented


def ge_2(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,) >= (other._a0,other._a1,)
  return NotImplemented


def init_frozen_3(self, _a0, _a1, _a2):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)


def init_mutable_3(self, _a0, _a1, _a2):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2


def eq_3(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,) == (other._a0,other._a1,other._a2,)
  return NotImplemented


def hash_3(self):
  return hash((self._a0,self._a1,self._a2,))


def init_frozen_3_from_0(self, _a0, _a1, _a2):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)


def init_mutable_3_from_0(self, _a0, _a1, _a2):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2


def init_frozen_3_from_1(self, _a0, _a1, _a2):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)


def init_mutable_3_from_1(self, _a0, _a1, _a2):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2


def init_frozen_3_from_2(self, _a0, _a1, _a2):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)


def init_mutable_3_from_2(self, _a0, _a1, _a2):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2


def lt_3(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,) < (other._a0,other._a1,other._a2,)
  return NotImplemented


def le_3(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,) <= (other._a0,other._a1,other._a2,)
  return NotImplemented


def gt_3(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,) > (other._a0,other._a1,other._a2,)
  return NotImplemented


def ge_3(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,) >= (other._a0,other._a1,other._a2,)
  return NotImplemented


def init_frozen_4(self, _a0, _a1, _a2, _a3):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)


def init_mutable_4(self, _a0, _a1, _a2, _a3):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3


def eq_4(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,) == (other._a0,other._a1,other._a2,other._a3,)
  return NotImplemented


def hash_4(self):
  return hash((self._a0,self._a1,self._a2,self._a3,))


def init_frozen_4_from_0(self, _a0, _a1, _a2, _a3):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)


def init_mutable_4_from_0(self, _a0, _a1, _a2, _a3):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3


def init_frozen_4_from_1(self, _a0, _a1, _a2, _a3):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)


def init_mutable_4_from_1(self, _a0, _a1, _a2, _a3):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3


def init_frozen_4_from_2(self, _a0, _a1, _a2, _a3):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)


def init_mutable_4_from_2(self, _a0, _a1, _a2, _a3):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3


def init_frozen_4_from_3(self, _a0, _a1, _a2, _a3):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)


def init_mutable_4_from_3(self, _a0, _a1, _a2, _a3):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3


def lt_4(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,) < (other._a0,other._a1,other._a2,other._a3,)
  return NotImplemented


def le_4(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,) <= (other._a0,other._a1,other._a2,other._a3,)
  return NotImplemented


def gt_4(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,) > (other._a0,other._a1,other._a2,other._a3,)
  return NotImplemented


def ge_4(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,) >= (other._a0,other._a1,other._a2,other._a3,)
  return NotImplemented


def init_frozen_5(self, _a0, _a1, _a2, _a3, _a4):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)


def init_mutable_5(self, _a0, _a1, _a2, _a3, _a4):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4


def eq_5(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,) == (other._a0,other._a1,other._a2,other._a3,other._a4,)
  return NotImplemented


def hash_5(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,))


def init_frozen_5_from_0(self, _a0, _a1, _a2, _a3, _a4):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)


def init_mutable_5_from_0(self, _a0, _a1, _a2, _a3, _a4):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4


def init_frozen_5_from_1(self, _a0, _a1, _a2, _a3, _a4):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)


def init_mutable_5_from_1(self, _a0, _a1, _a2, _a3, _a4):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4


def init_frozen_5_from_2(self, _a0, _a1, _a2, _a3, _a4):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)


def init_mutable_5_from_2(self, _a0, _a1, _a2, _a3, _a4):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4


def init_frozen_5_from_3(self, _a0, _a1, _a2, _a3, _a4):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)


def init_mutable_5_from_3(self, _a0, _a1, _a2, _a3, _a4):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4


def init_frozen_5_from_4(self, _a0, _a1, _a2, _a3, _a4):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)


def init_mutable_5_from_4(self, _a0, _a1, _a2, _a3, _a4):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4


def lt_5(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,) < (other._a0,other._a1,other._a2,other._a3,other._a4,)
  return NotImplemented


def le_5(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,)
  return NotImplemented


def gt_5(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,) > (other._a0,other._a1,other._a2,other._a3,other._a4,)
  return NotImplemented


def ge_5(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,)
  return NotImplemented


def init_frozen_6(self, _a0, _a1, _a2, _a3, _a4, _a5):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)


def init_mutable_6(self, _a0, _a1, _a2, _a3, _a4, _a5):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5


def eq_6(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,)
  return NotImplemented


def hash_6(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,))


def init_frozen_6_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)


def init_mutable_6_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5


def init_frozen_6_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)


def init_mutable_6_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5


def init_frozen_6_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)


def init_mutable_6_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5


def init_frozen_6_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)


def init_mutable_6_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5


def init_frozen_6_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)


def init_mutable_6_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5


def init_frozen_6_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)


def init_mutable_6_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5


def lt_6(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,)
  return NotImplemented


def le_6(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,)
  return NotImplemented


def gt_6(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,)
  return NotImplemented


def ge_6(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,)
  return NotImplemented


def init_frozen_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)


def init_mutable_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6


def eq_7(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,)
  return NotImplemented


def hash_7(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,))


def init_frozen_7_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)


def init_mutable_7_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6


def init_frozen_7_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)


def init_mutable_7_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6


def init_frozen_7_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)


def init_mutable_7_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6


def init_frozen_7_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)


def init_mutable_7_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6


def init_frozen_7_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)


def init_mutable_7_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6


def init_frozen_7_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)


def init_mutable_7_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6


def init_frozen_7_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)


def init_mutable_7_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6


def lt_7(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,)
  return NotImplemented


def le_7(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,)
  return NotImplemented


def gt_7(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,)
  return NotImplemented


def ge_7(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,)
  return NotImplemented


def init_frozen_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)


def init_mutable_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7


def eq_8(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,)
  return NotImplemented


def hash_8(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,))


def init_frozen_8_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def init_frozen_8_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def init_frozen_8_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def init_frozen_8_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def init_frozen_8_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def init_frozen_8_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def init_frozen_8_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def init_frozen_8_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)


def init_mutable_8_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7


def lt_8(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,)
  return NotImplemented


def le_8(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,)
  return NotImplemented


def gt_8(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,)
  return NotImplemented


def ge_8(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,)
  return NotImplemented


def init_frozen_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)


def init_mutable_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8


def eq_9(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,)
  return NotImplemented


def hash_9(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,))


def init_frozen_9_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def init_frozen_9_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)


def init_mutable_9_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8


def lt_9(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,)
  return NotImplemented


def le_9(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,)
  return NotImplemented


def gt_9(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,)
  return NotImplemented


def ge_9(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,)
  return NotImplemented


def init_frozen_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)


def init_mutable_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9


def eq_10(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,)
  return NotImplemented


def hash_10(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,))


def init_frozen_10_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def init_frozen_10_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)


def init_mutable_10_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9


def lt_10(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,)
  return NotImplemented


def le_10(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,)
  return NotImplemented


def gt_10(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,)
  return NotImplemented


def ge_10(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,)
  return NotImplemented


def init_frozen_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)


def init_mutable_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10


def eq_11(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,)
  return NotImplemented


def hash_11(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,))


def init_frozen_11_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def init_frozen_11_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)


def init_mutable_11_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10


def lt_11(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,)
  return NotImplemented


def le_11(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,)
  return NotImplemented


def gt_11(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,)
  return NotImplemented


def ge_11(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,)
  return NotImplemented


def init_frozen_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)


def init_mutable_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11


def eq_12(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,)
  return NotImplemented


def hash_12(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,))


def init_frozen_12_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def init_frozen_12_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)


def init_mutable_12_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11


def lt_12(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,)
  return NotImplemented


def le_12(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,)
  return NotImplemented


def gt_12(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,)
  return NotImplemented


def ge_12(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,)
  return NotImplemented


def init_frozen_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)


def init_mutable_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12


def eq_13(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,)
  return NotImplemented


def hash_13(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,))


def init_frozen_13_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def init_frozen_13_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)


def init_mutable_13_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12


def lt_13(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,)
  return NotImplemented


def le_13(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,)
  return NotImplemented


def gt_13(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,)
  return NotImplemented


def ge_13(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,)
  return NotImplemented


def init_frozen_14(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _a13)


def init_mutable_14(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _a13


def eq_14(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,)
  return NotImplemented


def hash_14(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,))


def init_frozen_14_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def init_frozen_14_from_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)


def init_mutable_14_from_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13


def lt_14(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,)
  return NotImplemented


def le_14(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,)
  return NotImplemented


def gt_14(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,)
  return NotImplemented


def ge_14(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,)
  return NotImplemented


def init_frozen_15(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _a13)
  _setattr(self, '_a14', _a14)


def init_mutable_15(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _a13
  self._a14 = _a14


def eq_15(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,)
  return NotImplemented


def hash_15(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,))


def init_frozen_15_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def init_frozen_15_from_14(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)


def init_mutable_15_from_14(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14


def lt_15(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,)
  return NotImplemented


def le_15(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,)
  return NotImplemented


def gt_15(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,)
  return NotImplemented


def ge_15(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,)
  return NotImplemented


def init_frozen_16(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _a13)
  _setattr(self, '_a14', _a14)
  _setattr(self, '_a15', _a15)


def init_mutable_16(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _a13
  self._a14 = _a14
  self._a15 = _a15


def eq_16(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,self._a15,) == (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,other._a15,)
  return NotImplemented


def hash_16(self):
  return hash((self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,self._a15,))


def init_frozen_16_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _f0() if _a0 is _MISSING else _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_0(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _f0() if _a0 is _MISSING else _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _f1() if _a1 is _MISSING else _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_1(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _f1() if _a1 is _MISSING else _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _f2() if _a2 is _MISSING else _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_2(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _f2() if _a2 is _MISSING else _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _f3() if _a3 is _MISSING else _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_3(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _f3() if _a3 is _MISSING else _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _f4() if _a4 is _MISSING else _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_4(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _f4() if _a4 is _MISSING else _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _f5() if _a5 is _MISSING else _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_5(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _f5() if _a5 is _MISSING else _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _f6() if _a6 is _MISSING else _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_6(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _f6() if _a6 is _MISSING else _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _f7() if _a7 is _MISSING else _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_7(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _f7() if _a7 is _MISSING else _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _f8() if _a8 is _MISSING else _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_8(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _f8() if _a8 is _MISSING else _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _f9() if _a9 is _MISSING else _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_9(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _f9() if _a9 is _MISSING else _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _f10() if _a10 is _MISSING else _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_10(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _f10() if _a10 is _MISSING else _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _f11() if _a11 is _MISSING else _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_11(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _f11() if _a11 is _MISSING else _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _f12() if _a12 is _MISSING else _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_12(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _f12() if _a12 is _MISSING else _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _f13() if _a13 is _MISSING else _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_13(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _f13() if _a13 is _MISSING else _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_14(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _a13)
  _setattr(self, '_a14', _f14() if _a14 is _MISSING else _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_14(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _a13
  self._a14 = _f14() if _a14 is _MISSING else _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def init_frozen_16_from_15(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  _setattr(self, '_a0', _a0)
  _setattr(self, '_a1', _a1)
  _setattr(self, '_a2', _a2)
  _setattr(self, '_a3', _a3)
  _setattr(self, '_a4', _a4)
  _setattr(self, '_a5', _a5)
  _setattr(self, '_a6', _a6)
  _setattr(self, '_a7', _a7)
  _setattr(self, '_a8', _a8)
  _setattr(self, '_a9', _a9)
  _setattr(self, '_a10', _a10)
  _setattr(self, '_a11', _a11)
  _setattr(self, '_a12', _a12)
  _setattr(self, '_a13', _a13)
  _setattr(self, '_a14', _a14)
  _setattr(self, '_a15', _f15() if _a15 is _MISSING else _a15)


def init_mutable_16_from_15(self, _a0, _a1, _a2, _a3, _a4, _a5, _a6, _a7, _a8, _a9, _a10, _a11, _a12, _a13, _a14, _a15):
  self._a0 = _a0
  self._a1 = _a1
  self._a2 = _a2
  self._a3 = _a3
  self._a4 = _a4
  self._a5 = _a5
  self._a6 = _a6
  self._a7 = _a7
  self._a8 = _a8
  self._a9 = _a9
  self._a10 = _a10
  self._a11 = _a11
  self._a12 = _a12
  self._a13 = _a13
  self._a14 = _a14
  self._a15 = _f15() if _a15 is _MISSING else _a15


def lt_16(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,self._a15,) < (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,other._a15,)
  return NotImplemented


def le_16(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,self._a15,) <= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,other._a15,)
  return NotImplemented


def gt_16(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,self._a15,) > (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,other._a15,)
  return NotImplemented


def ge_16(self, other):
  if other.__class__ is self.__class__:
    return (self._a0,self._a1,self._a2,self._a3,self._a4,self._a5,self._a6,self._a7,self._a8,self._a9,self._a10,self._a11,self._a12,self._a13,self._a14,self._a15,) >= (other._a0,other._a1,other._a2,other._a3,other._a4,other._a5,other._a6,other._a7,other._a8,other._a9,other._a10,other._a11,other._a12,other._a13,other._a14,other._a15,)
  return NotImplemented
