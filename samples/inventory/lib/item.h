#pragma once
#include <string>

namespace inv {

/// Something the store sells.
class Item {
public:
  explicit Item(std::string name) : name_(std::move(name)) {}
  virtual ~Item();
  virtual double price() const = 0;
  virtual std::string describe() const;
  const std::string &name() const { return name_; }
  std::string label() const;

private:
  std::string name_;
};

class Book : public Item {
public:
  Book(std::string name, double price) : Item(std::move(name)), price_(price) {}
  double price() const override;
  std::string describe() const override;

private:
  double price_;
};

/// Never created anywhere: every override here is unreachable.
class Gadget : public Item {  // deadwood: dead
public:
  explicit Gadget(std::string name);
  double price() const override;
  std::string describe() const override;
};

/// Created, but only through the base's default describe().
class Voucher : public Item {
public:
  explicit Voucher(double value) : Item("voucher"), value_(value) {}
  double price() const override { return value_; }

private:
  double value_;
};

}  // namespace inv
