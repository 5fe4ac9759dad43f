#include "item.h"

#include "text.h"

namespace inv {

Item::~Item() = default;

std::string Item::describe() const { return name_ + " @ " + formatPrice(price()); }

std::string Item::label() const { return upper(name_); }  // deadwood: dead

double Book::price() const { return price_; }

std::string Book::describe() const { return "book: " + Item::describe(); }

Gadget::Gadget(std::string name) : Item(std::move(name)) {}  // deadwood: dead

double Gadget::price() const { return 99.0; }  // deadwood: dead

std::string Gadget::describe() const { return "gadget " + name(); }  // deadwood: dead

}  // namespace inv
